// `import css from './styles.css?raw'`: a file's text (Vite's convention; rollup.config.mjs does the same).
declare module '*?raw' {
  const text: string;
  export default text;
}
