import ts from 'typescript'

/** One text a component types that a label source already has. */
export interface TypedLabel {
  readonly file: string
  readonly line: number
  /** The text as typed, with `#` for each `${…}` or `{…}` in it. */
  readonly text: string
  /** The source label it repeats. */
  readonly label: string
}

/**
 * How a text is compared: whitespace collapsed and every interpolation (`${…}` in a template,
 * `{…}` in JSX text) written `#`.
 */
export function normalizeLabel(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * How a text is compared with a label of a list field at a position: as {@link normalizeLabel}
 * and every run of digits written `#`, so `Ligand ${i + 1} type`, `<label>Ligand {n}
 * type</label>` and the source's "Ligand 2 type" all read "Ligand # type".
 */
export function normalizePositional(text: string): string {
  return normalizeLabel(text).replace(/\d+/g, '#').replace(/#(?:\s*#)+/g, '#')
}

/** The texts a source file types: string literals, templates and JSX text, with their lines. */
export function typedTexts(fileName: string, source: string): Array<{ readonly text: string; readonly line: number }> {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const out: Array<{ text: string; line: number }> = []
  const add = (text: string, node: ts.Node): void => {
    if (text.trim() === '') return
    out.push({ text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 })
  }
  const visit = (node: ts.Node): void => {
    // Module paths are not text anyone reads.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node.text, node)
    else if (ts.isTemplateExpression(node)) add(node.head.text + node.templateSpans.map((s) => `#${s.literal.text}`).join(''), node)
    else if (ts.isJsxText(node)) add(node.text, node)
    if (ts.isJsxElement(node) || ts.isJsxFragment(node)) {
      // A label written around expressions: <label>Ligand {i + 1} type</label>.
      const parts = node.children.map((c) => (ts.isJsxText(c) ? c.text : ts.isJsxExpression(c) ? '#' : '\u0000'))
      for (const run of parts.join('').split('\u0000')) if (/[A-Za-z]/.test(run) && run.includes('#')) add(run, node)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}

/**
 * Every place in `files` (name → source) whose typed text equals a label of `labels` (after
 * {@link normalizeLabel}) or a label of a list field at a position of `positional` (after
 * {@link normalizePositional}: any number stands for the position).
 */
export function findTypedLabels(files: ReadonlyMap<string, string>, labels: Iterable<string>, positional: Iterable<string> = []): TypedLabel[] {
  const exact = new Map<string, string>()
  for (const l of labels) if (l.trim() !== '') exact.set(normalizeLabel(l), l)
  const atPosition = new Map<string, string>()
  for (const l of positional) if (l.trim() !== '') atPosition.set(normalizePositional(l), l)
  const found: TypedLabel[] = []
  for (const [file, source] of files) {
    for (const t of typedTexts(file, source)) {
      const plain = normalizeLabel(t.text)
      const label = exact.get(plain) ?? atPosition.get(normalizePositional(t.text))
      if (label !== undefined) found.push({ file, line: t.line, text: plain, label })
    }
  }
  return found
}
