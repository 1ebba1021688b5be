import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The web app lives in ./web and is built into dist/web, which the server serves. */
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: { outDir: "../dist/web", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://localhost:8080" } },
});
