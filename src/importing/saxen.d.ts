// saxen ships no types; the little of it the .docx reader uses.
declare module 'saxen' {
  export class Parser {
    constructor(options?: { proxy?: boolean })
    on(event: 'openTag', cb: (name: string, attrs: () => Record<string, string>, decode: (s: string) => string, selfClosing: boolean) => void): this
    on(event: 'closeTag', cb: (name: string, decode: (s: string) => string, selfClosing: boolean) => void): this
    on(event: 'text', cb: (text: string, decode: (s: string) => string) => void): this
    on(event: 'error' | 'warn', cb: (err: Error) => void): this
    ns(map: Record<string, string>): this
    parse(xml: string): this
  }
}
