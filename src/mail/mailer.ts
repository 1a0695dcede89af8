import fs from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'

export interface MailAttachment {
  filename: string
  content: Buffer
  contentType: string
}

export interface MailMessage {
  to: string
  subject: string
  text: string
  html: string
  /** Stable per notification, so a receiver can tell a redelivery from a new message. */
  messageId: string
  headers?: Record<string, string>
  attachments?: MailAttachment[]
}

export interface Mailer {
  send(message: MailMessage): Promise<void>
  close(): void
}

export interface MailerOptions {
  smtpUrl: string | undefined
  outboxDir: string
  from: string
}

/** A refusal the server will repeat (5xx): retrying cannot help. */
export function isPermanentMailError(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode
  return typeof code === 'number' && code >= 500 && code < 600
}

/**
 * Sends over SMTP (`SMTP_URL`, pooled connections) or, without one, writes each message as an `.eml`
 * file named after its Message-ID into the outbox directory (a resend overwrites, never duplicates).
 */
export function createMailer({ smtpUrl, outboxDir, from }: MailerOptions): Mailer {
  const mail = (m: MailMessage) => ({
    from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, headers: m.headers, attachments: m.attachments,
  })
  if (smtpUrl) {
    const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 10, maxMessages: Infinity })
    return {
      async send(m) {
        await transport.sendMail(mail(m))
      },
      close: () => transport.close(),
    }
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  fs.mkdirSync(outboxDir, { recursive: true })
  return {
    async send(m) {
      const info = await transport.sendMail(mail(m))
      const file = path.join(outboxDir, `${m.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_')}.eml`)
      // Written whole or not at all: a crash mid-write leaves a temp file, never a torn message.
      await fs.promises.writeFile(`${file}.tmp`, info.message as Buffer)
      await fs.promises.rename(`${file}.tmp`, file)
    },
    close: () => transport.close(),
  }
}
