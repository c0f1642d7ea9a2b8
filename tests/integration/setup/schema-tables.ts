/** The table names a Prisma schema declares: each `model X { … }`, or its `@@map("name")`. Pure. */
export function prismaTables(schema: string): string[] {
    const tables: string[] = [];
    const model = /^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm;
    for (let m = model.exec(schema); m !== null; m = model.exec(schema)) {
        const mapped = /@@map\(\s*"([^"]+)"\s*\)/.exec(m[2]);
        tables.push(mapped ? mapped[1] : m[1]);
    }
    return tables.sort();
}
