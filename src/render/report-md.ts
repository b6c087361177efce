/**
 * The brief as GitHub-flavoured markdown that also reads as plain text:
 * only what GFM would misread is escaped (see escapeMarkdown). Charts are
 * plain-text bars, or SVG files written beside the report and referenced.
 */
import { type Block, type BriefDoc, type Inline, markerOf } from './report-blocks.js';
import { escapeMarkdown, markdownLink } from './markdown.js';

export interface MarkdownBrief {
  text: string;
  /** Chart files to write beside the report (only with `imagePrefix`). */
  files: { name: string; content: string }[];
}

export interface MarkdownBriefOptions {
  /** Write charts as SVG files named PREFIX-NAME.svg beside the report, and reference them. */
  imagePrefix?: string;
}

function inline(items: Inline[], table: boolean, lineStart = false): string {
  let out = '';
  items.forEach((x, k) => {
    const ls = lineStart && k === 0;
    switch (x.k) {
      case 'text':
      case 'nowrap':
        out += escapeMarkdown(x.s, { table, lineStart: ls });
        break;
      case 'foreign':
        out += `${escapeMarkdown(x.s, { table, lineStart: ls })} ${markerOf(x.lang)}`;
        break;
      case 'strong':
        out += `**${inline(x.c, table)}**`;
        break;
      case 'link':
        out += markdownLink(x.label, x.url);
        break;
    }
  });
  return out;
}

/** A note's text with its paragraphs and lists: runs of list lines become list items, other lines stay lines. */
function noteMarkdown(text: string): string {
  const paragraphs = text.replace(/\r\n?/g, '\n').trim().split(/\n[ \t]*\n+/);
  const out: string[] = [];
  for (const para of paragraphs) {
    const lines = para.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    let run: string[] = [];
    let runIsList = false;
    const flush = () => {
      if (run.length) out.push(run.join('\n'));
      run = [];
    };
    for (const line of lines) {
      const item = /^(?:[-*+•]|(\d{1,9})[.)])\s+(.*)$/.exec(line);
      if ((item !== null) !== runIsList) {
        flush();
        runIsList = item !== null;
      }
      if (item) run.push(`${item[1] !== undefined ? `${item[1]}.` : '-'} ${escapeMarkdown(item[2]!, { lineStart: true })}`);
      else run.push(escapeMarkdown(line, { lineStart: true }));
    }
    flush();
  }
  return out.join('\n\n');
}

export function renderBriefMarkdown(doc: BriefDoc, options: MarkdownBriefOptions = {}): MarkdownBrief {
  const files: MarkdownBrief['files'] = [];
  const block = (b: Block): string => {
    switch (b.k) {
      case 'h':
        return `${'#'.repeat(b.level)} ${inline(b.c, false)}`;
      case 'p':
        return inline(b.c, false, true);
      case 'ul':
        return b.items.map((it) => `- ${inline(it, false)}`).join('\n');
      case 'figures':
        return b.items.map((f, k) => `**${f.n}** ${escapeMarkdown(f.label, { lineStart: k === 0 })}`).join(' · ');
      case 'table': {
        const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
        const rule = b.align.map((a) => (a === 'r' ? '---:' : '---'));
        return [
          row(b.head.map((h) => escapeMarkdown(h, { table: true }))),
          row(rule),
          ...b.rows.map((r) => row(r.map((c) => inline(c, true).trim() || '—'))),
        ].join('\n');
      }
      case 'chart': {
        if (b.name.startsWith('pillar-')) return '';
        if (options.imagePrefix !== undefined) {
          const name = `${options.imagePrefix}-${b.name}.svg`;
          files.push({ name, content: `${b.svg}\n` });
          return `![${escapeMarkdown(b.alt)}](${encodeURI(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
        }
        return b.text;
      }
      case 'note': {
        const md = noteMarkdown(b.text);
        return b.foreign ? `${md} ${b.foreign}` : md;
      }
      case 'md':
        return b.md;
      case 'section':
        return b.blocks.map(block).filter((x) => x !== '').join('\n\n');
    }
  };
  const text = doc.blocks.map(block).filter((x) => x !== '').join('\n\n');
  return { text: `${text}\n`, files };
}
