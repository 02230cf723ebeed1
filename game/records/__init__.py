"""Who trained and how: the local records database, its exports and the push to a learning record store.

`store.RecordsStore` keeps every session (level, seed, variant, ratings, category points, the ledger,
the clocks and the replay) in one SQLite file in the user's data folder; `build` turns a finished run
into a `SessionRecord`; `export_csv`, `export_json`, `export_html` and `xapi` write it out; `lrs` pushes
the xAPI statements of the outbox to a department's LRS. Nothing here imports pygame.
"""
