/** A person to screen, as the screening API takes it. */
export interface Subject {
  name: string;
  birthDate?: string;
  iin?: string;
  documentNumber?: string;
}

/** Splits one line of a pasted list or CSV file on `;`, tab or `,`, honouring double quotes. */
function splitLine(line: string): string[] {
  const sep = line.includes(";") ? ";" : line.includes("\t") ? "\t" : ",";
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === sep) {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

const HEADER = ["name", "birth_date", "iin", "document_number"];

/**
 * People from a pasted list or a CSV file: one per line, columns name; birth date or year; IIN;
 * document number (a header row with those names may reorder them). Blank lines are skipped;
 * each person keeps the line it came from for error messages.
 */
export function parsePeople(text: string): { line: number; subject: Subject }[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let columns = HEADER;
  const people: { line: number; subject: Subject }[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === "") return;
    const cells = splitLine(raw);
    const lower = cells.map((c) => c.toLowerCase());
    if (people.length === 0 && lower.includes("name") && columns === HEADER) {
      columns = lower;
      return;
    }
    const get = (key: string) => {
      const at = columns.indexOf(key);
      const value = at >= 0 ? cells[at] : undefined;
      return value && value !== "" ? value : undefined;
    };
    const birthDate = get("birth_date");
    const iin = get("iin");
    const documentNumber = get("document_number");
    people.push({
      line: index + 1,
      subject: {
        name: get("name") ?? "",
        ...(birthDate ? { birthDate } : {}),
        ...(iin ? { iin } : {}),
        ...(documentNumber ? { documentNumber } : {}),
      },
    });
  });
  return people;
}
