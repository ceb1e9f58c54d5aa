"""The book in a real browser (Debian's Chromium, driven by Playwright) and axe-core."""
