/** A `.css` import is the minified stylesheet as text (scripts/build-assets/bundle.ts). */
declare module '*.css' {
  const css: string;
  export default css;
}
