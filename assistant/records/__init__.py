"""Records: what a clinic files and trusts after each ending.

- forms.py (the versioned form text), pdf.py and fonts.py (the signed PDF), seal.py and
  seal_check.py (the practice's PAdES seal on every PDF, and checking it);
- store.py, migrations.py and anchor.py (SQLite, the hash-chained event log with MACs and its
  head anchored outside the database), ledger.py (what the log says about each consent: the
  truth every answer reads);
- keeper.py (`DurableRecords`, the `RecordKeeper` the conversation files with), filing.py
  (signed, declined, deferred), revocations.py (revoke, not today, request by name),
  attempts.py (reference look-ups and their locks), documents.py (shared pieces);
- letters.py, mail.py, outbox.py and outbox_files.py (the emails, their delivery, dead
  letters, and the Maildir outbox's care);
- commands.py, listing.py, checks.py, verify.py, exports.py and fhir.py (the clinician's and
  other systems' commands: records, revoke, resume, deliver, verify, status, fhir, seal-cert).

Importing this package is cheap: fpdf2, pyHanko and SQLite load only where they are needed.
"""
