// No waiting: an edit is analysed on the next turn of the event loop, and the keystrokes that
// arrive while an analysis runs are analysed together by the next one.
export const DEBOUNCE_MS = 0;

// The edited files' diagnostics go out at once; the other files' (the verdicts of a flows file,
// say) when the edits pause this long. During a burst of keystrokes, sending 10,000 verdicts
// (3.6 MB of JSON at the bench's largest scale, for the editor to read) per keystroke would
// only delay the next one. Under the pause between keystrokes of most typing.
export const OTHER_FILES_MS = 50;
