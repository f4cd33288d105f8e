/**
 * A small streaming XML scanner for the big parts of an .xlsx (worksheets, shared strings, styles).
 *
 * Why not the tree parser of ./xml.ts here: a worksheet written by a spreadsheet program often
 * carries tens of thousands of empty styled cells; building an object tree of them took
 * fast-xml-parser about half a second for one 600 KB sheet of pyxform's test forms. This scanner
 * walks the text once with indexOf and calls back per tag, so a sheet costs a few milliseconds.
 *
 * It is deliberately lenient (mismatched tags are the caller's business) and deliberately poor:
 * no DOCTYPE (refused), no entities beyond the five predefined ones and character references, and
 * namespace prefixes are dropped from element and attribute names ("x:row" -> "row").
 */
import { XmlError, decodeEntities } from './xml';

export interface ScanHandler {
  /**
   * A start tag (or an empty-element tag, then `selfClosing`). `tag` is its text between < and >;
   * `attrs(tag)` gives its attributes, decoded, by local name (parsed only when asked for).
   */
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data between tags, already decoded. Called only while `wantText()` is true. */
  text(data: string): void;
  wantText(): boolean;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a tag's text ("c r=\"A1\" t=\"s\""), decoded, by local name. */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const space = tag.search(/[\s/]/);
  if (space < 0) return out;
  // matchAll works on a copy of the regex: the module-level one is never mutated.
  for (const m of tag.slice(space).matchAll(ATTR)) out[localName(m[1]!)] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

/**
 * One attribute of a tag's text, for the hot path of a worksheet (`r`, `s`, `t` of a cell, `r` of a
 * row), without parsing the others; undefined when absent. Namespace prefixes are not looked at.
 * The value is decoded only when it holds an entity (cell references and numbers never do).
 */
export function attrOf(tag: string, name: string): string | undefined {
  for (let at = tag.indexOf(name, 1); at >= 0; at = tag.indexOf(name, at + 1)) {
    const before = tag.charCodeAt(at - 1);
    if (before !== 0x20 && before !== 0x09 && before !== 0x0a && before !== 0x0d) continue;
    let i = at + name.length;
    while (tag.charCodeAt(i) === 0x20) i++;
    if (tag[i] !== '=') continue;
    i++;
    while (tag.charCodeAt(i) === 0x20) i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, i + 1);
    if (end < 0) return undefined;
    const value = tag.slice(i + 1, end);
    return value.includes('&') ? decodeEntities(value) : value;
  }
  return undefined;
}

export function scanXml(xml: string, handler: ScanHandler): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new XmlError('it declares a DOCTYPE or entities, which SpreadsheetML never does');
  }
  const n = xml.length;
  let pos = 0;
  // The next double and single quote at or after a point; positions only move forward, so the
  // searches are linear over the whole text (-1: none left).
  let dq = -2;
  let sq = -2;
  const nextQuote = (from: number): number => {
    if (dq !== -1 && dq < from) dq = xml.indexOf('"', from);
    if (sq !== -1 && sq < from) sq = xml.indexOf("'", from);
    return dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
  };
  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos && handler.wantText()) handler.text(decodeEntities(xml.slice(pos, textEnd)));
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    // '!' (comment, CDATA, declaration) and '?' (processing instruction) are rare: one test for both.
    if (next === 0x21 && xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlError('an unterminated comment');
      pos = end + 3;
      continue;
    }
    if (next === 0x21 && xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlError('an unterminated CDATA section');
      if (handler.wantText()) handler.text(xml.slice(lt + 9, end));
      pos = end + 3;
      continue;
    }
    if (next === 0x3f || next === 0x21) {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) throw new XmlError('an unterminated declaration');
      pos = end + 1;
      continue;
    }
    // Find the tag's end, skipping quoted attribute values (which may contain '>').
    let j = lt + 1;
    for (;;) {
      const gt = xml.indexOf('>', j);
      if (gt < 0) throw new XmlError('an unterminated tag');
      const q = nextQuote(j);
      if (q < 0 || q > gt) {
        j = gt;
        break;
      }
      const close = xml.indexOf(xml[q]!, q + 1);
      if (close < 0) throw new XmlError('an unterminated attribute value');
      j = close + 1;
    }
    const tag = xml.slice(lt + 1, j);
    pos = j + 1;
    if (tag.startsWith('/')) {
      handler.close(localName(tag.slice(1).trim()));
      continue;
    }
    const selfClosing = tag.endsWith('/');
    let nameEnd = 0;
    while (nameEnd < tag.length) {
      const ch = tag.charCodeAt(nameEnd);
      if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || ch === 0x2f) break;
      nameEnd++;
    }
    const name = localName(tag.slice(0, nameEnd));
    handler.open(name, tag, selfClosing);
    if (selfClosing) handler.close(name);
  }
}
