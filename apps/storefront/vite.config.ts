import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    // The API runs on its own port in development; in production it serves this build itself.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
