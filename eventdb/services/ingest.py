"""Ingest: extract each document (pure, optionally in worker processes) and store it.

Documents are read as a stream and handled in batches: one query finds which are already stored,
extraction runs (in ``workers`` processes when asked, the next batch extracting while this one is
written), and each batch is written in one transaction: all its documents at once (one statement
per table), or, should the database refuse that, document by document in SAVEPOINTs. A document
is all or nothing; a failing one is reported and the others still go in; a crash (even
``kill -9``) loses at most the batch being written, which a re-run then completes, with no
duplicates. Re-ingesting the same id with the same content changes nothing.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import multiprocessing.pool
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import delete, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from eventdb.config import curator_name
from eventdb.db.engine import Database, describe_db_error, retrying
from eventdb.db.models import (
    DateAssertion, Document, Event, EventArgument, Mention, Participant, ParticipantAlias, TimeNode,
)
from eventdb.errors import EventdbError, InputError
from eventdb.extract import Extraction
from eventdb.extract.job import extract_job
from eventdb.services.carry import carry, snapshot
from eventdb.services.sources import Problem, SourceDocument, validate_document
from eventdb.services.curation_participants import apply_splits
from eventdb.services.store import ParticipantCache, store_documents

__all__ = ["IngestReport", "Replace", "content_hash", "ingest"]

Outcome = str  # "added" | "replaced" | "unchanged"
#: Documents per transaction. SQLite has one writer at a time, and each commit writes again
#: every page the batch touched (the last pages of each index among them): 256 documents a
#: batch took 11% less of the writer's CPU than 64. PostgreSQL writers work side by side, and a
#: shorter transaction holds its locks (on new participants) for less time.
BATCH, BATCH_SQLITE = 64, 256
#: After writing this many documents, ingest refreshes the database's planner statistics.
ANALYZE_AFTER = 1000
#: The tables ingest fills.
_FILLED = [m.__tablename__ for m in (Document, TimeNode, Event, Mention, EventArgument, DateAssertion,
                                     Participant, ParticipantAlias)]


@dataclass(frozen=True)
class Replace:
    """How ``--replace`` treats a stored document's curator work: carried to the new rows that
    match (see ``eventdb.services.carry``), logged under ``curator``; what cannot be carried
    refuses the replace unless ``discard_curation``."""

    curator: str = field(default_factory=curator_name)
    discard_curation: bool = False


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[Problem] = field(default_factory=list)


def content_hash(doc: SourceDocument) -> str:
    published = doc.published.isoformat() if doc.published is not None else ""
    digest = hashlib.sha256()
    for part in (doc.text, published, doc.title or "", doc.source or "", doc.url or ""):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


@dataclass
class _Plan:
    """What to do with one batch: documents to write, and outcomes already known."""

    items: list[SourceDocument | Problem]
    results: dict[int, Outcome | Problem] = field(default_factory=dict)
    to_write: list[tuple[int, SourceDocument, str, int | None]] = field(default_factory=list)


def _plan(db: Database, batch: list[SourceDocument | Problem], replace: bool | Replace,
          seen: dict[str, str]) -> _Plan:
    plan = _Plan(batch)
    docs = [(i, d) for i, d in enumerate(batch) if isinstance(d, SourceDocument)]
    for i, item in enumerate(batch):
        if isinstance(item, Problem):
            plan.results[i] = item
    if not docs:
        return plan
    with db.session() as session:
        stored = {
            r.external_id: (r.id, r.content_hash)
            for r in session.execute(select(Document.id, Document.external_id, Document.content_hash)
                                     .where(Document.external_id.in_([d.external_id for _, d in docs])))
        }
    for i, doc in docs:
        digest = content_hash(doc)
        known = stored.get(doc.external_id)
        earlier = seen.get(doc.external_id)  # the same id earlier in this run, maybe not yet written
        current = earlier if earlier is not None else (known[1] if known else None)
        if current == digest:
            plan.results[i] = "unchanged"
        elif current is not None and not replace:
            plan.results[i] = Problem(
                doc.origin or doc.external_id,
                f"document {doc.external_id!r} is already stored with other content "
                "(use --replace to replace it)")
        else:
            seen[doc.external_id] = digest
            plan.to_write.append((i, doc, digest, known[0] if known else None))
    return plan


def _validated(items: Iterable[SourceDocument | Problem]) -> Iterator[SourceDocument | Problem]:
    """Each document checked field by field (whoever built it) before it reaches the database:
    a value no column can hold makes that document one :class:`Problem`, not a failed batch."""
    for item in items:
        if isinstance(item, SourceDocument):
            try:
                validate_document(item)
            except InputError as exc:
                item = Problem(item.origin or repr(item.external_id), str(exc))
        yield item


#: Texts compared per query when looking for the same text under another id: a whole batch in
#: one query, as each query scans the documents.
_TEXT_LOOKUP_CHUNK = 1000


def _skip_duplicate_texts(db: Database, plan: _Plan, seen: dict[str, str],
                          texts: dict[str, str]) -> None:
    """Report (and do not write) documents whose text another id already has: stored, or
    earlier in this run (``texts``: SHA-256 of a text -> its id).

    ``documents.content_hash`` also covers the title, source and dates, and no column indexes
    the text alone: the stored texts are compared with ``IN`` (a scan of ``documents`` per
    batch). Bulk loads that expect repeated texts leave it off (``--allow-duplicate-text``).
    """
    if not plan.to_write:
        return
    wanted = sorted({doc.text for _, doc, _, _ in plan.to_write})
    stored: dict[str, set[str]] = {}
    with db.session() as session:
        for start in range(0, len(wanted), _TEXT_LOOKUP_CHUNK):
            chunk = wanted[start:start + _TEXT_LOOKUP_CHUNK]
            for external_id, text in session.execute(
                    select(Document.external_id, Document.text).where(Document.text.in_(chunk))):
                stored.setdefault(text, set()).add(external_id)
    keep = []
    for entry in plan.to_write:
        i, doc, _, _ = entry
        key = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        others = sorted(stored.get(doc.text, set()) - {doc.external_id})
        earlier = texts.get(key)
        other = others[0] if others else earlier if earlier not in (None, doc.external_id) else None
        if other is None:
            texts.setdefault(key, doc.external_id)
            keep.append(entry)
            continue
        seen.pop(doc.external_id, None)  # not written after all
        plan.results[i] = Problem(doc.origin or repr(doc.external_id),
                                  f"same text as document {other!r} "
                                  "(use --allow-duplicate-text to store it too)")
    plan.to_write = keep


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a batch is written: the batch allocates
    hundreds of thousands of small objects (rows, reports, groups) that reference counting frees,
    and each automatic full collection walked the whole heap, the extractions waiting to be
    written included (a third of the writer's time at 10,000 documents). Cycles left meanwhile
    are collected once it is on again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write(db: Database, plan: _Plan, extractions: list[Extraction | str],
           replace: bool | Replace) -> None:
    with _collector_paused():
        _write_batch(db, plan, extractions, replace)


def _write_batch(db: Database, plan: _Plan, extractions: list[Extraction | str],
                 replace: bool | Replace) -> None:
    cache = ParticipantCache()
    ready: list[tuple[int, SourceDocument, str, int | None, Extraction]] = []
    for (i, doc, digest, old_id), extraction in zip(plan.to_write, extractions):
        if isinstance(extraction, str):
            plan.results[i] = Problem(doc.origin or doc.external_id, extraction)
        else:
            ready.append((i, doc, digest, old_id, extraction))
    with db.transaction() as session:
        if not ready:
            return
        ready = _recheck(session, plan, ready, replace)
        if not ready:
            return
        # The whole batch in one go; should the database refuse it, document by document, so
        # that only the documents it refuses are left out.
        if len({doc.external_id for _, doc, _, _, _ in ready}) == len(ready) and \
                _in_savepoint(session, cache, ready, replace) is None:
            for i, _, _, old_id, _ in ready:
                plan.results[i] = "replaced" if old_id is not None else "added"
            return
        for item in ready:
            i, doc, _, old_id, _ = item
            error = _in_savepoint(session, cache, [item], replace)
            if isinstance(error, sa_exc.IntegrityError):
                again = _recheck(session, plan, [item], replace)
                if not again:
                    continue  # another ingest stored it meanwhile: reported by _recheck
                # Another writer created the same participant meanwhile: look again.
                cache.ids.clear()
                item = again[0]
                old_id = item[3]
                error = _in_savepoint(session, cache, [item], replace)
            message = str(error) if isinstance(error, EventdbError) else describe_db_error(error)
            plan.results[i] = (Problem(doc.origin or doc.external_id, message)
                               if error is not None else "replaced" if old_id is not None else "added")


def _recheck(session: Session, plan: _Plan, ready: list, replace: bool | Replace) -> list:
    """The documents of ``ready`` still to write, seen from inside the writing transaction.

    The plan was read before it: another ingest of the same file may have stored (or replaced)
    some of them since. Those with the same content are "unchanged"; other content is replaced
    under ``--replace``, else reported as changed meanwhile. Never a raw unique-key error.
    """
    rows = session.execute(select(Document.external_id, Document.id, Document.content_hash)
                           .where(Document.external_id.in_([d.external_id for _, d, _, _, _ in ready])))
    stored = {r.external_id: (r.id, r.content_hash) for r in rows}
    still = []
    for i, doc, digest, old_id, extraction in ready:
        now = stored.get(doc.external_id)
        if now is not None and now[0] != old_id:
            if now[1] == digest:
                plan.results[i] = "unchanged"
                continue
            if not replace:
                plan.results[i] = Problem(
                    doc.origin or doc.external_id,
                    f"document {doc.external_id!r} was stored meanwhile (by another ingest) with "
                    "other content: re-run, with --replace to replace it")
                continue
        still.append((i, doc, digest, now[0] if now is not None else None, extraction))
    return still


def _in_savepoint(session: Session, cache: ParticipantCache,
                  items: list[tuple[int, SourceDocument, str, int | None, Extraction]],
                  replace: bool | Replace) -> sa_exc.DBAPIError | EventdbError | None:
    """Write ``items`` inside a SAVEPOINT: all of them, or none and the database's refusal
    (or the refusal to replace a document whose curator work would be lost).

    A plain SAVEPOINT (not the ORM's nested transaction): when the database itself fails, SQLite
    has already dropped every savepoint, and the outer rollback must not trip over one the ORM
    still believes in, hiding the real error.
    """
    conn = session.connection()
    documents = Document.__table__
    conn.exec_driver_sql("SAVEPOINT eventdb_documents")
    try:
        # With --replace, the same id may have been written earlier in this run: every stored
        # document of these ids goes, its curator work read first to be carried to the new rows.
        old = []
        if replace:
            old = conn.execute(select(documents.c.id, documents.c.external_id).where(
                documents.c.external_id.in_([doc.external_id for _, doc, _, _, _ in items]))).all()
        snapshots = {r.external_id: snapshot(session, r.id, r.external_id) for r in old}
        if old:
            conn.execute(delete(documents).where(documents.c.id.in_([r.id for r in old])))
        new_ids = store_documents(session, [(doc, x, digest) for _, doc, digest, _, x in items], cache)
        apply_splits(session, new_ids)  # a curator's split wins over the machine's joining
        for (_, doc, _, _, _), new_id in zip(items, new_ids):
            snap = snapshots.get(doc.external_id)
            if snap is not None:
                options = replace if isinstance(replace, Replace) else Replace()
                carry(session, snap, new_id, curator=options.curator,
                      discard=options.discard_curation)
    except (sa_exc.DBAPIError, EventdbError) as exc:
        if isinstance(exc, sa_exc.OperationalError) and "locked" not in str(exc).lower():
            raise  # disk full, I/O error, connection gone: nothing of this batch stays
        conn.exec_driver_sql("ROLLBACK TO SAVEPOINT eventdb_documents")
        conn.exec_driver_sql("RELEASE SAVEPOINT eventdb_documents")
        session.expunge_all()  # rows the carry loaded or added are gone with the savepoint
        cache.rollback()
        return exc
    conn.exec_driver_sql("RELEASE SAVEPOINT eventdb_documents")
    cache.commit()
    return None


def _pool(workers: int) -> multiprocessing.pool.Pool:
    """``workers`` extraction processes, each ready to extract when it starts.

    Where the platform has it, workers are forked from a *forkserver*: a fresh single-threaded
    process (so forking it is safe, whatever threads this one runs) that has readied extraction
    once (:mod:`eventdb.extract.warm`). Spawned workers would each import it and build its tables
    again: most of a second of CPU per worker, as long as extracting a hundred documents. (Each
    worker still imports the program's main module; the ``eventdb`` script's is kept light.)
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Process-wide, and read when the server starts (once per process): setting it again later
        # changes nothing, and a program's own forkserver would share this one.
        context.set_forkserver_preload(["eventdb.extract.warm"])
    else:
        context = multiprocessing.get_context("spawn")
    return context.Pool(workers)


def _batches(items: Iterable[SourceDocument | Problem], size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    db: Database,
    items: Iterable[SourceDocument | Problem],
    *,
    replace: bool = False,
    curator: str | None = None,
    discard_curation: bool = False,
    workers: int = 1,
    batch_size: int | None = None,
    on_progress: Callable[[Outcome | Problem], None] | None = None,
    analyze_after: int = ANALYZE_AFTER,
    skip_duplicate_text: bool = False,
) -> IngestReport:
    """Ingest every document of ``items``; problems are collected, never raised.

    Every document is validated first (:func:`~eventdb.services.sources.validate_document`): a
    bad one is reported alone and the rest of its batch goes in. With ``skip_duplicate_text`` (the
    CLI's default), a document whose text another id already has is reported and not stored.

    ``batch_size`` documents are written per transaction (default: ``BATCH``, on SQLite
    ``BATCH_SQLITE``).
    ``replace`` replaces stored documents of the same id with other content, carrying their
    curator work (logged under ``curator``) or refusing when some of it would be lost, unless
    ``discard_curation``.
    ``on_progress`` is called after each item with its outcome or its problem. Once
    ``analyze_after`` documents or more are written, the database's planner statistics are
    refreshed (PostgreSQL; see ``Database.refresh_statistics``).
    """
    report = IngestReport()
    if replace:
        replace = Replace(curator_name(curator), discard_curation)  # type: ignore[assignment]
    seen: dict[str, str] = {}
    texts: dict[str, str] = {}
    pool = _pool(workers) if workers > 1 else None

    def extract_all(plan: _Plan):  # noqa: ANN202 - a handle whose .get() gives the extractions
        docs = [(doc.text, doc.published) for _, doc, _, _ in plan.to_write]
        if pool is not None:
            return pool.map_async(extract_job, docs, chunksize=max(1, len(docs) // (workers * 4)))
        return _Ready([extract_job(d) for d in docs])

    def write_once(plan: _Plan, extractions: list) -> None:
        for i, _, _, _ in plan.to_write:  # a retried batch starts again from scratch
            plan.results.pop(i, None)
        _write(db, plan, extractions, replace)

    def finish(plan: _Plan, extractions: list) -> None:
        try:
            retrying(write_once, plan, extractions)
        except EventdbError as exc:
            for i, _, _, _ in plan.to_write:
                plan.results.setdefault(i, Problem(plan.items[i].origin, str(exc)))  # type: ignore[union-attr]
            raise
        finally:
            for i in range(len(plan.items)):
                result = plan.results.get(i)
                if result is None:
                    continue
                if isinstance(result, Problem):
                    report.failed.append(result)
                else:
                    setattr(report, result, getattr(report, result) + 1)
                if on_progress is not None:
                    on_progress(result)

    try:
        # Batches in flight: while the oldest is written, the workers extract the next ones.
        depth = 2 if pool is not None else 1
        pending: deque[tuple[_Plan, object]] = deque()
        size = batch_size or (BATCH_SQLITE if db.is_sqlite else BATCH)
        for batch in _batches(_validated(items), size):
            plan = _plan(db, batch, replace, seen)
            if skip_duplicate_text:
                _skip_duplicate_texts(db, plan, seen, texts)
            pending.append((plan, extract_all(plan)))
            if len(pending) > depth:
                oldest, handle = pending.popleft()
                finish(oldest, handle.get())  # type: ignore[attr-defined]
        while pending:
            oldest, handle = pending.popleft()
            finish(oldest, handle.get())  # type: ignore[attr-defined]
    finally:
        if pool is not None:
            pool.terminate()
    if report.added + report.replaced >= analyze_after:
        db.refresh_statistics(_FILLED)
    return report


class _Ready:
    """The in-process counterpart of ``AsyncResult``."""

    def __init__(self, value: list) -> None:
        self.value = value

    def get(self) -> list:
        return self.value
