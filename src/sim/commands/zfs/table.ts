/** Column output as zfs list / zfs get print it: two spaces between columns, or tabs with -H. */

export interface Column {
  header: string;
  right: boolean;
}

export function formatTable(columns: Column[], rows: string[][], scripted: boolean, header: boolean): string {
  if (scripted) return rows.map((r) => `${r.join('\t')}\n`).join('');
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => {
    const parts = cells.map((cell, i) => {
      const w = widths[i]!;
      if (columns[i]!.right) return cell.padStart(w);
      // The last left-justified column is not padded (no trailing blanks).
      return i === cells.length - 1 ? cell : cell.padEnd(w);
    });
    return `${parts.join('  ')}\n`;
  };
  return (header ? line(columns.map((c) => c.header)) : '') + rows.map(line).join('');
}
