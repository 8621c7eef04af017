"""Where Casework keeps its files, behind one interface: a local folder (the embedded default) or
an S3-compatible object store (AWS S3, MinIO, Ceph RGW…) shared by every web node and worker.

Two stores:
- `files()`: attachments, letter PDFs, replies. Content addressed by SHA-256 (`<sha[:2]>/<sha>`,
  the layout of the upload folder), so an identical file is stored once and never overwritten.
- `exports()`: the files of exports, named by the export, removed after a few days.

A file is hashed on the way in, while it is copied to a temporary file (in memory up to a few
MB, so a large upload is never held whole). On the way out it is streamed and hashed as it goes:
a file whose bytes no longer match its SHA-256 is cut off and logged, never delivered whole.

Settings: `CASEWORK_S3_BUCKET` turns the object store on; `CASEWORK_S3_ENDPOINT_URL` (MinIO,
Ceph…), `CASEWORK_S3_REGION` and `CASEWORK_S3_PREFIX` as needed; credentials as boto3 finds them
(`AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, a profile, or the machine's role).
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from flask import Response, current_app, send_file

log = logging.getLogger(__name__)

CHUNK = 256 * 1024
IN_MEMORY_UP_TO = 4 * 1024 * 1024  # larger uploads spill to a temporary file


class FileMissing(LookupError):
    """The store has no file under this key."""


class TooLarge(ValueError):
    """The stream was longer than the limit it was saved with."""


@dataclass(frozen=True)
class Stored:
    key: str
    sha256: str | None  # None for the exports written before the store: sent unchecked
    size: int | None = None  # None where the record does not keep it: then sent without a length

    @classmethod
    def by_content(cls, sha256: str, size: int | None = None) -> Stored:
        """A file of `files()`, found by its SHA-256."""
        return cls(content_key(sha256), sha256, size)


def content_key(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256}"


class Store(ABC):
    """A place for files: save a stream, read it back in chunks, send it, delete it."""

    def save(self, stream: BinaryIO, key: str | None = None, limit: int | None = None) -> Stored:
        """Copy `stream` in, hashing it; under `key`, or under its SHA-256 when no key is given
        (and then only once: a file already there is identical)."""
        digest, size = hashlib.sha256(), 0
        with tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_UP_TO) as spool:
            for chunk in iter(lambda: stream.read(CHUNK), b""):
                size += len(chunk)
                if limit is not None and size > limit:
                    raise TooLarge(f"more than {limit} bytes")
                digest.update(chunk)
                spool.write(chunk)
            sha = digest.hexdigest()
            target = key or content_key(sha)
            if key is not None or not self.exists(target):
                spool.seek(0)
                self._put(spool, target)
        return Stored(target, sha, size)

    def save_bytes(self, data: bytes, key: str | None = None) -> Stored:
        return self.save(io.BytesIO(data), key)

    def read(self, key: str) -> bytes:
        return b"".join(self.chunks(key))

    def send(self, stored: Stored, *, mimetype: str, download_name: str | None = None,
             as_attachment: bool = True) -> Response:
        """The file as a streamed download, checked against its SHA-256 as it goes."""
        reader = _CheckedReader(self.chunks(stored.key), stored)
        response = send_file(reader, mimetype=mimetype, as_attachment=as_attachment, download_name=download_name,
                             conditional=False, etag=stored.sha256, max_age=0)
        if stored.size is not None:
            response.content_length = stored.size
        return response

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def chunks(self, key: str) -> Iterator[bytes]:
        """The file's bytes in chunks; FileMissing (at once) if there is no such file."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the file if it is there."""

    @abstractmethod
    def keys(self) -> Iterator[str]:
        """Every key in the store (for checks and copies, not for requests)."""

    @abstractmethod
    def _put(self, source: IO[bytes], key: str) -> None: ...


class LocalStore(Store):
    """A folder of this machine (or a share every node mounts)."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise FileMissing(key)
        return path

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def chunks(self, key: str) -> Iterator[bytes]:
        try:
            handle = self.path(key).open("rb")
        except FileNotFoundError:
            raise FileMissing(key) from None
        return _chunks_of(handle)

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def keys(self) -> Iterator[str]:
        if self.root.is_dir():
            for path in sorted(self.root.rglob("*")):
                if path.is_file() and not path.name.startswith("tmp"):
                    yield path.relative_to(self.root).as_posix()

    def _put(self, source: IO[bytes], key: str) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
            try:
                for chunk in iter(lambda: source.read(CHUNK), b""):
                    tmp.write(chunk)
            except BaseException:
                os.unlink(tmp.name)
                raise
        os.replace(tmp.name, target)  # readers see the whole file or none


class S3Store(Store):
    """A bucket (and prefix) of an S3-compatible object store."""

    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None,
                 region: str | None = None) -> None:
        import boto3
        from botocore.config import Config

        self.bucket, self.prefix = bucket, prefix
        self.client = boto3.client("s3", endpoint_url=endpoint_url, region_name=region, config=Config(
            signature_version="s3v4", retries={"max_attempts": 5, "mode": "standard"},
            connect_timeout=5, read_timeout=60))

    def _name(self, key: str) -> str:
        return self.prefix + key

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._name(key))
        except ClientError as error:
            if error.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def chunks(self, key: str) -> Iterator[bytes]:
        from botocore.exceptions import ClientError

        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self._name(key))["Body"]
        except ClientError as error:
            if error.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound"):
                raise FileMissing(key) from None
            raise
        return _closing(body.iter_chunks(CHUNK), body)

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))

    def keys(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        for page in pages:
            for item in page.get("Contents", []):
                yield item["Key"][len(self.prefix):]

    def _put(self, source: IO[bytes], key: str) -> None:
        # Multipart above 8 MB: a large file goes up in parts, never held whole.
        self.client.upload_fileobj(source, self.bucket, self._name(key))


def _chunks_of(handle: BinaryIO) -> Iterator[bytes]:
    with handle:
        yield from iter(lambda: handle.read(CHUNK), b"")


def _closing(chunks: Iterator[bytes], body) -> Iterator[bytes]:
    try:
        yield from chunks
    finally:
        body.close()


class CorruptFile(OSError):
    """A stored file whose bytes do not match its SHA-256."""


class _CheckedReader(io.RawIOBase):
    """Reads the chunks, hashing them; at the end, a mismatch raises (the download is cut off)."""

    def __init__(self, chunks: Iterator[bytes], stored: Stored) -> None:
        self._chunks, self._stored = chunks, stored
        self._digest, self._buffer, self._done = hashlib.sha256(), b"", False

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buffer and not self._done:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._done = True
                self._check()
            else:
                self._digest.update(chunk)
                self._buffer = chunk
        count = min(len(target), len(self._buffer))
        target[:count] = self._buffer[:count]
        self._buffer = self._buffer[count:]
        return count

    def _check(self) -> None:
        if self._stored.sha256 is not None and self._digest.hexdigest() != self._stored.sha256:
            log.error("Stored file %s does not match its SHA-256 %s: download cut off",
                      self._stored.key, self._stored.sha256)
            raise CorruptFile(f"{self._stored.key} is damaged")


def files() -> Store:
    """Attachments, letter PDFs and replies, by SHA-256."""
    return _store("files/", current_app.config["UPLOAD_FOLDER"])


def exports() -> Store:
    """Export files, by name."""
    return _store("exports/", current_app.config.get("EXPORT_FOLDER")
                  or os.path.join(current_app.instance_path, "exports"))


def _store(part: str, folder: str) -> Store:
    """The store the settings name now: the bucket if there is one, else the folder."""
    config = current_app.config
    if not config.get("S3_BUCKET"):
        return LocalStore(folder)
    settings = (config["S3_BUCKET"], (config.get("S3_PREFIX") or "") + part, config.get("S3_ENDPOINT_URL"),
                config.get("S3_REGION"))
    with _lock:
        if settings not in _buckets:  # one client per bucket and prefix: boto3 clients are thread-safe
            _buckets[settings] = S3Store(settings[0], settings[1], endpoint_url=settings[2], region=settings[3])
        return _buckets[settings]


_buckets: dict[tuple, S3Store] = {}
_lock = threading.Lock()
