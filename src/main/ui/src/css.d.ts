// esbuild loads the widget's CSS as text (build.mjs); the console imports its CSS for the bundle.
declare module "*.css" { const text: string; export default text; }
