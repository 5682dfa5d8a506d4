"""Records: what a clinic files and trusts after each ending.

- pdf.py, pdf_document.py, pdf_layout.py, pdf_page.py, pdf_parts.py and fonts.py (the
  signed PDF: documents, blocks, the page and its text),
  seal_keys.py, seal.py, seal_check.py and own_thread.py (the practice's key pair, its PAdES
  seal on every PDF, and checking it);
- store.py, migrations.py, anchor.py and chain_check.py (SQLite, the hash-chained event log
  with MACs and its head anchored outside the database, and checking it), ledger.py (what
  the log says about each consent: the truth every answer reads);
- keeper.py (`DurableRecords`, the `RecordKeeper` the conversation files with), filing.py
  (signed, declined, deferred), revocations.py (revoke, not today, request by name),
  attempts.py (reference look-ups and their locks), documents.py (shared pieces);
- letters.py and subjects.py (what each email says), mail.py, maildir_transport.py and
  smtp_transport.py (the message and handing it over), outbox.py, delivery.py and
  send_outcome.py (the queue, a delivery run, retries and dead letters), outbox_files.py
  (the Maildir outbox's care);
- commands.py, listing.py, checks.py, verify.py, exports.py and fhir.py (the clinician's and
  other systems' commands: records, revoke, resume, deliver, verify, status, fhir, seal-cert).

Importing this package is cheap: fpdf2, pyHanko and SQLite load only where they are needed.
"""
