import type { SafeXml } from '../xml/parse.js';
import type { ParsedDocument, ParseContext } from '../types.js';

export async function parseEdxml(_xml: SafeXml, _ctx: ParseContext): Promise<ParsedDocument> {
  return { format: 'edxml', readable: true, signatures: [], attachments: [], messages: [] };
}
