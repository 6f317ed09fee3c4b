/** report.md: the report's blocks as GitHub-flavoured Markdown, charts as relative image links. */
import { renderMarkdownTable } from "../views/format.js";
import type { Block } from "./report-document.js";
import { reportBlocks } from "./report-content.js";
import type { Report } from "./report-model.js";

export function renderMarkdown(blocks: readonly Block[]): string {
  const parts = blocks.map((block): string => {
    switch (block.kind) {
      case "heading":
        return `${"#".repeat(block.level)} ${block.text}`;
      case "paragraph":
        return block.text;
      case "list":
        return block.items.map((item) => `- ${item}`).join("\n");
      case "code":
        return ["```" + (block.language ?? ""), block.text, "```"].join("\n");
      case "table": {
        const t = block.table;
        return renderMarkdownTable(
          t.headers,
          [
            ...t.rows,
            ...(t.footer ?? []).map((r) => r.map((cell, i) => (i === 0 && cell !== "" ? `**${cell}**` : cell))),
          ],
          t.align,
        );
      }
      case "image":
        return `![${block.alt}](${block.path})`;
    }
  });
  return `${parts.join("\n\n")}\n`;
}

export function reportMarkdown(report: Report): string {
  return renderMarkdown(reportBlocks(report));
}
