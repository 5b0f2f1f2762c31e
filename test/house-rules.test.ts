/**
 * The house rules of issue 16 that a reader of the code would notice, checked on the source with
 * the TypeScript compiler's parser: no function outside a React component longer than 120 lines
 * (split it into named steps), and no `as unknown as` outside test/ (type the value instead: a
 * declared interface, `declare global`, or a zod schema at a boundary).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = ['src', 'server', 'client', 'bin', 'bench', 'scripts'];
const MAX_LINES = 120;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function parse(file: string, text: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, kind);
}

const parsed = DIRS.flatMap((d) => sourceFiles(join(ROOT, d))).map((file) => parse(file, readFileSync(file, 'utf8')));

type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

function nameOf(fn: FunctionNode): string {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

function containsJsx(node: ts.Node): boolean {
  if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return true;
  return ts.forEachChild(node, containsJsx) ?? false;
}

/** A React component: a capitalised function that renders JSX (hooks and helpers are not). */
const isComponent = (fn: FunctionNode): boolean => /^[A-Z]/.test(nameOf(fn)) && containsJsx(fn);

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/** `file:line name (N lines)` for every function over the limit that is not a component. */
function longFunctions(files: readonly ts.SourceFile[]): string[] {
  const out: string[] = [];
  for (const sf of files) {
    walk(sf, (n) => {
      if (!(ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) || !n.body) return;
      const start = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - start + 1;
      if (lines > MAX_LINES && !isComponent(n)) out.push(`${relative(ROOT, sf.fileName)}:${start + 1} ${nameOf(n)} (${lines} lines)`);
    });
  }
  return out;
}

/** `file:line` of every `x as unknown as T`. */
function doubleCasts(files: readonly ts.SourceFile[]): string[] {
  const out: string[] = [];
  for (const sf of files) {
    walk(sf, (n) => {
      if (ts.isAsExpression(n) && ts.isAsExpression(n.expression) && n.expression.type.kind === ts.SyntaxKind.UnknownKeyword) {
        out.push(`${relative(ROOT, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`);
      }
    });
  }
  return out;
}

describe('house rules (issue 16)', () => {
  it('reads the whole tree: every source folder has files', () => {
    for (const d of DIRS) expect(parsed.some((sf) => relative(ROOT, sf.fileName).startsWith(`${d}/`)), d).toBe(true);
  });

  it('the checks see what they look for: a long helper, not a long component; a double cast', () => {
    const body = (n: number) => Array.from({ length: n }, (_, k) => `  x += ${k};`).join('\n');
    const sample = parse(join(ROOT, 'src/sample.tsx'), [
      `export function helper(x: number) {\n${body(MAX_LINES)}\n  return x;\n}`,
      `export function Short(x: number) {\n${body(MAX_LINES - 3)}\n  return x;\n}`,
      `export function Panel() {\n  let x = 0;\n${body(MAX_LINES)}\n  return <b>{x}</b>;\n}`,
      'export const y = (1 as unknown as string);',
    ].join('\n'));
    expect(longFunctions([sample])).toEqual([`src/sample.tsx:1 helper (${MAX_LINES + 3} lines)`]);
    expect(doubleCasts([sample])).toHaveLength(1);
  });

  it(`no function outside a React component is longer than ${MAX_LINES} lines`, () => {
    expect(longFunctions(parsed)).toEqual([]);
  });

  it('no `as unknown as` outside the tests', () => {
    expect(doubleCasts(parsed)).toEqual([]);
  });
});
