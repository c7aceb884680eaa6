"""One exception tree with stable codes.

::

    SitroomError                      code            raised when
    ├── InputError                    (per article: becomes an error record, never stops a batch)
    │   ├── EmptyText                 empty_text      no text, or only whitespace
    │   ├── BinaryContent             binary          control characters / NULs: not text
    │   ├── Undecodable               undecodable     bytes that no supported encoding decodes
    │   ├── TooLarge                  too_large       more than ``max_chars`` characters
    │   ├── NotEnglish                not_english     language identified as other than English
    │   ├── MalformedRecord           malformed_json  a JSONL line that is not a JSON object
    │   ├── InvalidField              invalid_field   a field of the wrong type or format
    │   │   ├── InvalidId             invalid_id      an id that is empty, over 255 characters, or holds control,
    │   │   │                                         separator, bidi or surrogate characters
    │   │   ├── FieldTooLong          field_too_long  title, source, url, published or language over its limit
    │   │   └── ControlCharacter      control_character  a control character or lone surrogate in title, source,
    │   │                                             url, published or language
    │   ├── HtmlExtractionFailed      html_no_text    an ``html`` field with no extractable text
    │   ├── IdConflict                id_conflict     an article id already stored with different text
    │   ├── StoreRejected             store_rejected  the database refused this one article (the rest are stored)
    │   ├── NotAFeed                  not_a_feed      a feed (file or URL) that is not readable RSS or Atom
    │   └── OutsideFolder             outside_folder  a link in an ingested folder that leads out of it
    ├── ConfigError                   config          misconfiguration: bad stage order, bad data file
    │   └── DataFileError             data_file       a data file that fails validation
    ├── MissingDependency             missing_extra   an optional feature whose extra is not installed
    ├── ProcessingError               processing      a bug met while processing one article
    │   ├── ArticleTimeout            time_limit      one article ran past the per-article time limit (distributed runs)
    │   ├── ArticleMemory             memory_limit    one article took the extraction process past its memory budget
    │   └── ArticleCrashed            crashed         the extraction process died on one article (a poison article)
    ├── ClusterError                  cluster         a Dask scheduler out of reach, or a partition it could not finish
    ├── FetchError                    fetch_failed    a URL that could not be fetched (network, HTTP status)
    │   ├── BlockedAddress            blocked_address a URL whose host is private, loopback or link-local
    │   ├── RobotsDisallowed          robots_disallowed  robots.txt forbids sitroom to fetch the URL
    │   ├── ResponseTooLarge          response_too_large a response larger than the size cap
    │   └── FetchTimeout              fetch_timeout   a read timed out, or the whole fetch passed its deadline
    ├── StoreError                    store           a database that cannot be opened, migrated or written
    │   └── NoDatabase                no_database     a reading command pointed at a database that does not exist
    └── UsageError                    usage           a command given something it cannot use
        ├── NoSuchFile                no_such_file    an input file or folder that does not exist or cannot be read
        ├── UnsafeOutput              unsafe_output   an output path that is one of the command's inputs or its store
        ├── NotFound                  not_found       an id (article, event, incident, ...) not in the store or file
        └── CorrectionConflict        correction_conflict  a correction that cannot be applied or undone as asked

Codes are part of the output contract: they appear in error records and do not change.
Every error carries ``document_id`` when it concerns one article.
"""
from __future__ import annotations


class SitroomError(Exception):
    """The root of sitroom's exceptions: ``code`` is stable, ``message`` says what happened,
    ``document_id`` names the article concerned (if any) and ``context`` holds the rest."""

    code = "sitroom"

    def __init__(self, message: str, *, document_id: str | None = None, **context: object) -> None:
        super().__init__(message)
        self.message = message
        self.document_id = document_id
        self.context = context

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(SitroomError):
    code = "invalid_input"


class EmptyText(InputError):
    code = "empty_text"


class BinaryContent(InputError):
    code = "binary"


class Undecodable(InputError):
    code = "undecodable"


class TooLarge(InputError):
    code = "too_large"


class NotEnglish(InputError):
    code = "not_english"


class MalformedRecord(InputError):
    code = "malformed_json"


class InvalidField(InputError):
    code = "invalid_field"


class InvalidId(InvalidField):
    code = "invalid_id"


class FieldTooLong(InvalidField):
    code = "field_too_long"


class ControlCharacter(InvalidField):
    code = "control_character"


class StoreRejected(InputError):
    """A database error on one article (a value it refuses, a constraint): that article is
    rolled back to its savepoint and rejected with this code; the rest of the batch is stored."""

    code = "store_rejected"


class HtmlExtractionFailed(InputError):
    code = "html_no_text"


class IdConflict(InputError):
    code = "id_conflict"


class NotAFeed(InputError):
    code = "not_a_feed"


class OutsideFolder(InputError):
    code = "outside_folder"


class ConfigError(SitroomError):
    code = "config"


class DataFileError(ConfigError):
    code = "data_file"


class MissingDependency(SitroomError):
    code = "missing_extra"


class ProcessingError(SitroomError):
    code = "processing"


class ArticleTimeout(ProcessingError):
    code = "time_limit"


class ArticleMemory(ProcessingError):
    code = "memory_limit"


class ArticleCrashed(ProcessingError):
    code = "crashed"


class ClusterError(SitroomError):
    """Carries ``address`` (the scheduler) or ``partitions`` (those that failed) in ``context``."""

    code = "cluster"


class FetchError(SitroomError):
    """Carries ``url`` (and ``status`` for HTTP errors) in ``context``."""

    code = "fetch_failed"


class BlockedAddress(FetchError):
    code = "blocked_address"


class RobotsDisallowed(FetchError):
    code = "robots_disallowed"


class ResponseTooLarge(FetchError):
    code = "response_too_large"


class FetchTimeout(FetchError):
    code = "fetch_timeout"


class StoreError(SitroomError):
    code = "store"


class NoDatabase(StoreError):
    """Reading commands never create a database: a mistyped path is an error, not an empty store."""

    code = "no_database"


class UsageError(SitroomError):
    """A command asked to do something it cannot (the command line's fault, not an article's)."""

    code = "usage"


class NoSuchFile(UsageError):
    code = "no_such_file"


class UnsafeOutput(UsageError):
    code = "unsafe_output"


class NotFound(UsageError):
    code = "not_found"


class CorrectionConflict(UsageError):
    """An analyst's correction that cannot be applied or undone as asked: reverting one that is
    no longer active, moving an event to an incident that is gone. Carries ``correction`` or
    ``incident`` in ``context``."""

    code = "correction_conflict"


#: every stable code, for documentation and tests
ERROR_CODES: dict[str, type[SitroomError]] = {
    cls.code: cls
    for cls in (
        InputError, EmptyText, BinaryContent, Undecodable, TooLarge, NotEnglish,
        MalformedRecord, InvalidField, InvalidId, FieldTooLong, ControlCharacter, StoreRejected,
        HtmlExtractionFailed, IdConflict, NotAFeed, ConfigError, DataFileError,
        MissingDependency, ProcessingError, FetchError, BlockedAddress, RobotsDisallowed,
        ResponseTooLarge, StoreError, NoDatabase, UsageError, NoSuchFile, UnsafeOutput, NotFound,
        CorrectionConflict,
    )
}
# codes added later (a folder link leading out of it, a fetch past its deadline)
ERROR_CODES.update({cls.code: cls for cls in (OutsideFolder, FetchTimeout)})
# the distributed engine's codes (sitroom.batch.sandbox, sitroom.batch.dask_engine)
ERROR_CODES.update({cls.code: cls for cls in (ArticleTimeout, ArticleMemory, ArticleCrashed, ClusterError)})
