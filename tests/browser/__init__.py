"""Browser tests: real fava on 127.0.0.1, driven in Debian\x27s Chromium."""
