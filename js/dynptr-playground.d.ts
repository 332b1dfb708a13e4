// Types of the <dynptr-playground> custom element (dynptr-playground.js).
import type { Report, Snapshot } from "./dynptr_play.js";

/** The panel an element shows beside its editor. */
export type Panel = "verifier" | "registers" | "dynptrs" | "stack" | "packet" | "ringbuf" | "callstack" | "maps";

/** A decoded Share link of the playground page. */
export interface Shared {
  src: string;
  prog_type: string;
  /** The input packet as hex ("" for the default packet). */
  packet: string;
  /** Breakpoints (source lines). */
  breakpoints: number[];
}

/**
 * `<dynptr-playground>`: editor, Verify / Run / Step / Step back / Reset, the
 * verdict and one panel. Attributes: `program`, `src` (+ `entry`), `share`,
 * `panel`, `kernel`, `prog-type`, `packet`, `theme`.
 */
export declare class DynptrPlayground extends HTMLElement {
  static observedAttributes: string[];
  /** Resolves once the engine is loaded and the first program verified (or failed to load). */
  readonly ready: Promise<void>;
  /** The program text in the editor; setting it sets the `program` attribute. */
  program: string;
  /** The last verifier report (null before Verify). */
  readonly report: Report | null;
  /** The last VM snapshot (null before Step or Run). */
  readonly snapshot: Snapshot | null;
  /** Assembles and verifies the editor's text. Throws the engine's error. */
  verify(): Report;
  /** Runs to the end (or a share link's next breakpoint). */
  run(): Snapshot;
  /** One instruction. */
  step(): Snapshot;
  /** Back one instruction. */
  stepBack(): Snapshot;
  /** Back to the first instruction. */
  reset(): Snapshot;
}

/** Removes the indentation common to every non-blank line, and blank edges. */
export declare function dedent(text: string): string;
/** Parses hex bytes ("0011aa", spaces allowed). */
export declare function parseHex(text: string): number[];
/** Decodes a playground Share link (or its `#s=…` fragment). */
export declare function decodeShare(link: string): Promise<Shared>;

declare global {
  interface HTMLElementTagNameMap {
    "dynptr-playground": DynptrPlayground;
  }
  interface HTMLElementEventMap {
    "dynptr-verified": CustomEvent<Report>;
    "dynptr-snapshot": CustomEvent<Snapshot>;
  }
}
