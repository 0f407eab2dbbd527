/**
 * Makes fontkit's CFF subsets small. fontkit keeps every subroutine index of the original font and only blanks the
 * unused entries; Noto CJK has ~3 000 global and ~50 000 local subroutines, so each embedded subset carried a
 * ~250 KB index, which cost ~35 % of the writer's time, ~60 KB per face in the file and, worse, had to be parsed
 * again by every PDF reader. This keeps only the subroutines the subset's glyphs call, renumbers them, and rewrites
 * the call operands in the charstrings (Type 2 charstrings, Adobe TN 5177).
 *
 * It patches one subset instance (the one pdfkit made for one document) and nothing global. Anything unexpected in
 * a charstring (computed subroutine numbers, arithmetic operators, a non-CID font) leaves fontkit's own subsetting
 * in place, which is correct, only bigger.
 */

interface IndexEntry {
  offset: number;
  length: number;
}
interface PrivateDict {
  Subrs?: IndexEntry[] | Uint8Array[] | null;
  [key: string]: unknown;
}
interface FontDict {
  Private?: PrivateDict | null;
  [key: string]: unknown;
}
interface CffTable {
  isCIDFont: boolean;
  version: number;
  globalSubrIndex?: IndexEntry[];
  topDict: { FDArray?: FontDict[]; FDSelect?: unknown };
  stream: { pos: number; readBuffer(length: number): Uint8Array };
  getCharString(gid: number): Uint8Array;
  fdForGlyph(gid: number): number | null;
}
export interface FontkitCffSubset {
  cff?: CffTable;
  glyphs: number[];
  encode(): Uint8Array;
  charstrings?: Uint8Array[];
  gsubrs?: Uint8Array[];
  subsetCharstrings(): void;
  subsetFontdict(topDict: Record<string, unknown>): void;
}

class Unsupported extends Error {}

/** The subroutine number bias of Type 2 charstrings, from the number of subroutines. */
function bias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

function encodeInt(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) return [((v - 108) >> 8) + 247, (v - 108) & 0xff];
  if (v <= -108 && v >= -1131) return [((-v - 108) >> 8) + 251, (-v - 108) & 0xff];
  return [28, (v >> 8) & 0xff, v & 0xff];
}

/** One subroutine index (global, or local to a font dict): which entries are used and their new numbers. */
class SubrSet {
  private static count = 0;
  readonly id = SubrSet.count++;
  readonly entries: IndexEntry[];
  readonly oldBias: number;
  readonly used = new Map<number, number>(); // old index → new index
  readonly bodies: Uint8Array[] = [];
  newBias = 0;
  constructor(entries: IndexEntry[]) {
    this.entries = entries;
    this.oldBias = bias(entries.length);
  }
}

/** What running a subroutine from a given state leaves behind. */
interface Effect {
  stack: number;
  nStems: number;
  lastValue: number | null;
  result: 'return' | 'endchar' | 'end';
}

interface State {
  stack: number;
  /** Value of the last operand when it was a literal (the subroutine number of a call), else null. */
  lastValue: number | null;
  nStems: number;
}

class CharstringRewriter {
  private readonly cff: CffTable;
  /** Subroutines run once per call site; reading each once saves most of the time. */
  private readonly bodies = new Map<IndexEntry, Uint8Array>();
  readonly effects = new Map<string, Effect>();
  constructor(cff: CffTable) {
    this.cff = cff;
  }

  read(entry: IndexEntry): Uint8Array {
    let body = this.bodies.get(entry);
    if (!body) {
      this.cff.stream.pos = entry.offset;
      body = this.cff.stream.readBuffer(entry.length);
      this.bodies.set(entry, body);
    }
    return body;
  }

  /**
   * Runs a charstring for its effects on the operand count and the stem count (which fixes how many bytes a
   * hintmask takes), collecting subroutine calls. With `out`, also writes it with renumbered calls; with
   * `assign`, first use numbers a subroutine. Returns 'endchar' when the glyph ends inside.
   */
  run(
    code: Uint8Array,
    state: State,
    subrs: { global: SubrSet; local: SubrSet | null },
    out: number[] | null,
    onCall: (set: SubrSet, index: number, entry: State) => void,
  ): 'return' | 'endchar' | 'end' {
    let i = 0;
    let lastStart = -1; // start in `out` of the last operand, to replace a call's subroutine number
    while (i < code.length) {
      const b = code[i] ?? 0;
      if (b >= 32 || b === 28) {
        let value: number;
        let len: number;
        if (b === 28) {
          value = (((code[i + 1] ?? 0) << 24) >> 16) | (code[i + 2] ?? 0);
          len = 3;
        } else if (b <= 246) {
          value = b - 139;
          len = 1;
        } else if (b <= 250) {
          value = (b - 247) * 256 + (code[i + 1] ?? 0) + 108;
          len = 2;
        } else if (b <= 254) {
          value = -(b - 251) * 256 - (code[i + 1] ?? 0) - 108;
          len = 2;
        } else {
          value = NaN; // 16.16 fixed: never a subroutine number
          len = 5;
        }
        if (out) {
          lastStart = out.length;
          for (let k = 0; k < len; k++) out.push(code[i + k] ?? 0);
        }
        state.stack += 1;
        state.lastValue = Number.isInteger(value) ? value : null;
        i += len;
        continue;
      }
      i += 1;
      if (b === 10 || b === 29) {
        const set = b === 29 ? subrs.global : subrs.local;
        if (!set || state.lastValue === null || state.stack < 1) throw new Unsupported('computed subroutine call');
        const index = state.lastValue + set.oldBias;
        const entry = set.entries[index];
        if (!entry) throw new Unsupported('missing subroutine');
        state.stack -= 1;
        state.lastValue = null;
        if (out) {
          onCall(set, index, { ...state }); // rewrites the subroutine at its first use
          const newIndex = set.used.get(index);
          if (newIndex === undefined || lastStart < 0) throw new Unsupported('unassigned subroutine');
          out.length = lastStart;
          out.push(...encodeInt(newIndex - set.newBias), b);
        }
        // A subroutine's effect depends only on the operand and stem counts it starts with: run it once per state
        // (the same few subroutines are called thousands of times across a subset's glyphs).
        const key = `${set.id}:${index}:${state.stack}:${state.nStems}`;
        let effect = this.effects.get(key);
        if (!effect) {
          if (!out) onCall(set, index, { ...state });
          const result = this.run(this.read(entry), state, subrs, null, onCall);
          effect = { stack: state.stack, nStems: state.nStems, lastValue: state.lastValue, result };
          this.effects.set(key, effect);
        }
        state.stack = effect.stack;
        state.nStems = effect.nStems;
        state.lastValue = effect.lastValue;
        if (effect.result === 'endchar') {
          return 'endchar';
        }
        lastStart = -1;
        continue;
      }
      out?.push(b);
      lastStart = -1;
      state.lastValue = null;
      switch (b) {
        case 11: // return
          return 'return';
        case 14: // endchar
          state.stack = 0;
          return 'endchar';
        case 1:
        case 3:
        case 18:
        case 23: // stem hints
          state.nStems += state.stack >> 1;
          state.stack = 0;
          break;
        case 19:
        case 20: {
          // hintmask/cntrmask: pending operands are implicit vstem hints; then one bit per stem.
          state.nStems += state.stack >> 1;
          state.stack = 0;
          const bytes = (state.nStems + 7) >> 3;
          if (out) for (let k = 0; k < bytes; k++) out.push(code[i + k] ?? 0);
          i += bytes;
          break;
        }
        case 12: {
          const op = code[i] ?? 0;
          i += 1;
          out?.push(op);
          if (op < 34 || op > 37) throw new Unsupported(`escape operator 12 ${op}`); // only the flex operators
          state.stack = 0;
          break;
        }
        case 15:
        case 16:
          throw new Unsupported('CFF2 operator');
        default:
          state.stack = 0; // every other operator clears the stack
      }
    }
    return 'end';
  }
}

function patch(subset: FontkitCffSubset, cff: CffTable): void {
  const rewriter = new CharstringRewriter(cff);
  const global = new SubrSet(cff.globalSubrIndex ?? []);
  const locals = new Map<number, SubrSet>();
  const localFor = (fd: number | null): SubrSet | null => {
    if (fd === null) return null;
    let set = locals.get(fd);
    if (!set) {
      const subrs = cff.topDict.FDArray?.[fd]?.Private?.Subrs;
      set = new SubrSet(Array.isArray(subrs) ? (subrs as IndexEntry[]) : []);
      locals.set(fd, set);
    }
    return set;
  };
  const fresh = (): State => ({ stack: 0, lastValue: null, nStems: 0 });

  // Pass 1: which subroutines are called (in first-use order, which also numbers them).
  const seen = (set: SubrSet, index: number) => {
    if (!set.used.has(index)) set.used.set(index, set.used.size);
  };
  for (const gid of subset.glyphs) {
    const local = localFor(cff.fdForGlyph(gid));
    rewriter.run(cff.getCharString(gid), fresh(), { global, local }, null, seen);
  }
  for (const set of [global, ...locals.values()]) set.newBias = bias(set.used.size);

  // Pass 2: rewrite glyphs; each subroutine is rewritten at its first call, with the state it is entered in.
  const charstrings: Uint8Array[] = [];
  for (const gid of subset.glyphs) {
    const local = localFor(cff.fdForGlyph(gid));
    const subrs = { global, local };
    const write = (set: SubrSet, index: number, entry: State) => {
      const n = set.used.get(index) ?? -1;
      if (set.bodies[n] !== undefined) return;
      const out: number[] = [];
      set.bodies[n] = new Uint8Array(0); // guards recursion
      const body = rewriter.read(set.entries[index] as IndexEntry);
      rewriter.run(body, { ...entry, lastValue: null }, subrs, out, write);
      set.bodies[n] = Uint8Array.from(out);
    };
    const out: number[] = [];
    rewriter.run(cff.getCharString(gid), fresh(), subrs, out, write);
    charstrings.push(Uint8Array.from(out));
  }

  subset.subsetCharstrings = function (this: FontkitCffSubset) {
    this.charstrings = charstrings;
    this.gsubrs = global.bodies;
  };
  // As fontkit's subsetFontdict (one font dict per used original one, FDSelect per glyph), with the compact locals.
  subset.subsetFontdict = function (this: FontkitCffSubset, topDict: Record<string, unknown>) {
    const fdArray: FontDict[] = [];
    const fds: number[] = [];
    const newFd = new Map<number, number>();
    for (const gid of this.glyphs) {
      const fd = cff.fdForGlyph(gid);
      if (fd === null) continue;
      if (!newFd.has(fd)) {
        newFd.set(fd, fdArray.length);
        const dict: FontDict = { ...(cff.topDict.FDArray?.[fd] ?? {}) };
        delete dict.FontName;
        if (dict.Private) {
          const bodies = locals.get(fd)?.bodies ?? [];
          dict.Private = { ...dict.Private, Subrs: bodies.length > 0 ? bodies : null };
        }
        fdArray.push(dict);
      }
      fds.push(newFd.get(fd) as number);
    }
    topDict.FDArray = fdArray;
    topDict.FDSelect = { version: 0, fds };
  };
}

/**
 * Patches `subset` (fontkit's CFFSubset for one document) just before it is encoded, so that only the
 * subroutines its glyphs use are written. Call once all glyphs are in the subset.
 */
export function compactCffSubset(subset: FontkitCffSubset): boolean {
  const cff = subset.cff;
  if (!cff || !cff.isCIDFont || cff.version >= 2) return false;
  const original = { charstrings: subset.subsetCharstrings, fontdict: subset.subsetFontdict };
  try {
    patch(subset, cff);
    return true;
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    subset.subsetCharstrings = original.charstrings;
    subset.subsetFontdict = original.fontdict;
    return false;
  }
}

/** Makes `subset` compact itself when pdfkit encodes it (at the end of the document, when all glyphs are known). */
export function compactCffOnEncode(subset: FontkitCffSubset): void {
  const encode = subset.encode;
  subset.encode = function (this: FontkitCffSubset) {
    compactCffSubset(this);
    return encode.call(this);
  };
}
