/** Vite's `?raw` imports (a file's text), used by tests to read files inside workerd. */
declare module '*?raw' {
  const text: string;
  export default text;
}
