"""kb: knowledge of what the EU names, from authoritative sources, as frozen records with their
sources."""
