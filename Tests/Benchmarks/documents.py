#!/usr/bin/env python3
"""The client of Tests/Benchmarks/documents.sh (Python 3 standard library only).

  documents.py sample PID FILE         every 100 ms: "epoch VmRSS_kB VmHWM_kB" of PID, until it ends
  documents.py run BASE_URL SAMPLES    files a case, then: warm-up, CLIENTS concurrent clients
                                       each uploading ROUNDS documents of SIZE bytes, then
                                       CLIENTS concurrent clients downloading them (checked
                                       against the upload's sha256 and size); prints the figures.
                                       Exit 1 on any failed request or mismatch.

Environment of `run`: BENCH_CLIENTS (8), BENCH_DOC_ROUNDS (4), BENCH_DOC_BYTES (20 MiB),
BENCH_RSS_TARGET_MB (150), BENCH_TIMEOUT (600 s per request), BENCH_UPLOAD_RATE (bytes/s each
upload is paced at, like a client on a slow uplink; default: as fast as the service takes it).

Every body streams: an upload's multipart body is generated piece by piece (1 MiB of
pseudo-random bytes at a time, after a `%PDF-1.7` head) with its Content-Length computed
beforehand; a download is read and hashed 1 MiB at a time. No client holds a document whole.
"""
import hashlib
import http.client
import json
import os
import random
import socket
import statistics
import sys
import threading
import time
import urllib.parse

PIECE = 1024 * 1024
PDF_HEAD = b"%PDF-1.7\n"


# ---------------------------------------------------------------- sampling

def sample(pid, path):
    status = f"/proc/{pid}/status"
    with open(path, "a", buffering=1) as out:
        while True:
            try:
                with open(status) as f:
                    fields = dict(line.split(":", 1) for line in f if line.startswith(("VmRSS", "VmHWM")))
            except (FileNotFoundError, ProcessLookupError, ValueError):
                return
            rss = int(fields.get("VmRSS", "0 kB").split()[0])
            hwm = int(fields.get("VmHWM", "0 kB").split()[0])
            out.write(f"{time.time():.3f} {rss} {hwm}\n")
            time.sleep(0.1)


def read_samples(path):
    samples = []
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3:
                    samples.append((float(parts[0]), int(parts[1]), int(parts[2])))
    except FileNotFoundError:
        pass
    return samples


class Service:
    def __init__(self, base, timeout):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.timeout = timeout

    def connection(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def json(self, method, path, body=None, token=None):
        conn = self.connection()
        try:
            headers = {"Content-Type": "application/json"}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, json.loads(data) if data else None
        finally:
            conn.close()


class Document:
    """One generated document: its multipart body is produced on demand, piece by piece."""

    def __init__(self, client, number, size):
        self.name = f"bench-{client}-{number}.pdf"
        self.size = size
        self.seed = (client << 20) | number | (os.getpid() << 32)
        self.boundary = "----eenloket-bench-" + hashlib.sha256(f"{self.seed}".encode()).hexdigest()[:32]
        b = self.boundary
        self.preamble = (
            f"--{b}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\njob_description\r\n"
            f"--{b}\r\nContent-Disposition: form-data; name=\"medical\"\r\n\r\nfalse\r\n"
            f"--{b}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nBenchmark {self.name}\r\n"
            f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{self.name}\"\r\n"
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        self.epilogue = f"\r\n--{b}--\r\n".encode()
        self.content_length = len(self.preamble) + size + len(self.epilogue)
        self.sha256 = None  # known once the body was generated

    def body(self):
        """The multipart body in pieces of at most 1 MiB; computes the file's SHA-256 on the way."""
        rng = random.Random(self.seed)
        digest = hashlib.sha256()
        yield self.preamble
        left = self.size
        first = True
        while left > 0:
            n = min(PIECE, left)
            if first:
                piece = PDF_HEAD + rng.randbytes(n - len(PDF_HEAD))
                first = False
            else:
                piece = rng.randbytes(n)
            # Practically impossible with 32 random hex digits, but a boundary inside the
            # content would cut the file short: fail loudly rather than measure nonsense.
            if self.boundary.encode() in piece:
                raise RuntimeError("the boundary occurs in the generated content")
            digest.update(piece)
            left -= n
            yield piece
        self.sha256 = digest.hexdigest()
        yield self.epilogue


class Result:
    def __init__(self, kind, seconds, ok, nbytes, error=None):
        self.kind, self.seconds, self.ok, self.nbytes, self.error = kind, seconds, ok, nbytes, error


def paced(pieces, rate):
    """The pieces, cut to 64 KiB and released no faster than `rate` bytes/s (0: unpaced)."""
    if not rate:
        yield from pieces
        return
    start, sent = time.monotonic(), 0
    for piece in pieces:
        for i in range(0, len(piece), 65536):
            part = piece[i:i + 65536]
            ahead = (sent + len(part)) / rate - (time.monotonic() - start)
            if ahead > 0:
                time.sleep(ahead)
            sent += len(part)
            yield part


UPLOAD_RATE = float(os.environ.get("BENCH_UPLOAD_RATE", "0"))


def upload(service, case_id, token, doc):
    start = time.monotonic()
    conn = service.connection()
    try:
        conn.putrequest("POST", f"/api/v1/cases/{case_id}/documents")
        conn.putheader("Authorization", f"Bearer {token}")
        conn.putheader("Content-Type", f"multipart/form-data; boundary={doc.boundary}")
        conn.putheader("Content-Length", str(doc.content_length))
        conn.endheaders()
        sent = 0
        try:
            for piece in paced(doc.body(), UPLOAD_RATE):
                conn.send(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError) as e:
            # The service may answer early (413, 422, …) and close: read that answer below.
            send_error = e
        else:
            send_error = None
        resp = conn.getresponse()
        data = resp.read()
        seconds = time.monotonic() - start
        if resp.status != 201:
            return Result("upload", seconds, False, 0, f"{doc.name}: HTTP {resp.status} {data[:300]!r}"), None
        if send_error is not None:
            return Result("upload", seconds, False, 0, f"{doc.name}: 201 after a send error {send_error!r}"), None
        answer = json.loads(data)
        problems = []
        if answer.get("sha256") != doc.sha256:
            problems.append(f"sha256 {answer.get('sha256')} != sent {doc.sha256}")
        if answer.get("size") != doc.size:
            problems.append(f"size {answer.get('size')} != sent {doc.size}")
        if answer.get("content_type") != "application/pdf":
            problems.append(f"content_type {answer.get('content_type')}")
        if problems:
            return Result("upload", seconds, False, doc.size, f"{doc.name}: " + "; ".join(problems)), None
        return Result("upload", seconds, True, doc.size), answer
    except Exception as e:  # noqa: BLE001 - every failure counts, none stops the run
        return Result("upload", time.monotonic() - start, False, 0, f"{doc.name}: {e!r}"), None
    finally:
        conn.close()


def download(service, case_id, token, answer):
    start = time.monotonic()
    conn = service.connection()
    name = answer.get("filename", answer["id"])
    try:
        conn.request("GET", f"/api/v1/cases/{case_id}/documents/{answer['id']}", headers={"Authorization": f"Bearer {token}"})
        resp = conn.getresponse()
        if resp.status != 200:
            data = resp.read()
            return Result("download", time.monotonic() - start, False, 0, f"{name}: HTTP {resp.status} {data[:300]!r}")
        declared = resp.getheader("Content-Length")
        digest = hashlib.sha256()
        got = 0
        while True:
            piece = resp.read(PIECE)
            if not piece:
                break
            digest.update(piece)
            got += len(piece)
        seconds = time.monotonic() - start
        problems = []
        if got != answer["size"]:
            problems.append(f"{got} bytes, expected {answer['size']}")
        if declared is not None and int(declared) != answer["size"]:
            problems.append(f"Content-Length {declared}, expected {answer['size']}")
        if digest.hexdigest() != answer["sha256"]:
            problems.append(f"sha256 {digest.hexdigest()} != uploaded {answer['sha256']}")
        if problems:
            return Result("download", seconds, False, got, f"{name}: " + "; ".join(problems))
        return Result("download", seconds, True, got)
    except Exception as e:  # noqa: BLE001
        return Result("download", time.monotonic() - start, False, 0, f"{name}: {e!r}")
    finally:
        conn.close()


def concurrently(clients, work):
    """Runs work(client) in `clients` threads at once (released together); returns (wall seconds, results)."""
    results = [[] for _ in range(clients)]
    barrier = threading.Barrier(clients + 1)

    def thread(i):
        barrier.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=thread, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.monotonic()
    for t in threads:
        t.join()
    return time.monotonic() - start, [r for rs in results for r in rs]


def file_case(service):
    status, body = service.json("POST", "/api/v1/cases", {
        "filer_role": "employee", "filer": {"name": "Sanne de Vries", "email": "sanne@example.nl"},
        "employee": {"name": "Sanne de Vries"},
        "employer": {"name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@bakkerij-jansen.example"},
        "sick_since": "2026-03-02",
        "question": "De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
        "medical_information": "Sinds maart behandeld voor een burn-out.",
    })
    if status != 201:
        sys.exit(f"filing the case failed: HTTP {status} {body}")
    return body["id"], body["access_token"]


# ---------------------------------------------------------------- report

def mib(kb):
    return kb / 1024


def peak_between(samples, start, end):
    inside = [s for s in samples if start <= s[0] <= end]
    if not inside:
        return None
    return max(s[1] for s in inside)


def last_before(samples, t):
    before = [s for s in samples if s[0] <= t]
    return before[-1][1] if before else None


def run(base, samples_path):
    clients = int(os.environ.get("BENCH_CLIENTS", "8"))
    rounds = int(os.environ.get("BENCH_DOC_ROUNDS", "4"))
    size = int(os.environ.get("BENCH_DOC_BYTES", str(20 * 1024 * 1024)))
    target = float(os.environ.get("BENCH_RSS_TARGET_MB", "150"))
    timeout = float(os.environ.get("BENCH_TIMEOUT", "600"))
    service = Service(base, timeout)
    failures = []

    case_id, token = file_case(service)
    status, case = service.json("GET", f"/api/v1/cases/{case_id}", token=token)
    print(f"case {case.get('reference', case_id)} filed, status {case.get('status')}", flush=True)

    t_idle = time.time()
    print(f"== warm-up: 1 document of {size} bytes up and down", flush=True)
    warm, answer = upload(service, case_id, token, Document(99, 0, size))
    if not warm.ok:
        sys.exit(f"warm-up upload failed after {warm.seconds:.1f} s: {warm.error}")
    warm_down = download(service, case_id, token, answer)
    if not warm_down.ok:
        sys.exit(f"warm-up download failed after {warm_down.seconds:.1f} s: {warm_down.error}")
    print(f"warm-up: upload {warm.seconds:.2f} s, download {warm_down.seconds:.2f} s", flush=True)
    time.sleep(1)
    t_warm = time.time()

    print(f"== upload: {clients} clients × {rounds} documents of {size / 1048576:.0f} MiB", flush=True)
    answers = [[] for _ in range(clients)]

    def up(i):
        out = []
        for n in range(rounds):
            r, a = upload(service, case_id, token, Document(i, n, size))
            out.append(r)
            if a is not None:
                answers[i].append(a)
            if not r.ok:
                print(f"  upload failed after {r.seconds:.1f} s: {r.error}", flush=True)
        return out

    t_up0 = time.time()
    up_wall, up_results = concurrently(clients, up)
    t_up1 = time.time()
    print(f"upload wall {up_wall:.2f} s", flush=True)
    time.sleep(1)

    print(f"== download: {clients} clients, each its own {rounds} documents", flush=True)

    def down(i):
        out = []
        for a in answers[i]:
            r = download(service, case_id, token, a)
            out.append(r)
            if not r.ok:
                print(f"  download failed after {r.seconds:.1f} s: {r.error}", flush=True)
        return out

    t_down0 = time.time()
    down_wall, down_results = concurrently(clients, down)
    t_down1 = time.time()
    print(f"download wall {down_wall:.2f} s", flush=True)
    time.sleep(2)
    t_end = time.time()

    expected_downloads = clients * rounds
    missing = expected_downloads - len(down_results)  # documents whose upload failed are not downloaded
    failures = [r for r in up_results + down_results if not r.ok]

    # ------------------------------------------------------------ memory
    time.sleep(0.3)
    samples = read_samples(samples_path)
    idle = last_before(samples, t_idle)
    after_warm = last_before(samples, t_warm)
    peak_up = peak_between(samples, t_up0, t_up1 + 0.5)
    peak_down = peak_between(samples, t_down0, t_down1 + 0.5)
    after = last_before(samples, t_end)
    hwm = samples[-1][2] if samples else None
    overall = max([p for p in (peak_up, peak_down) if p is not None] + ([hwm] if hwm else []), default=None)

    def stats(results):
        secs = sorted(r.seconds for r in results if r.ok)
        if not secs:
            return "n/a", "n/a"
        return f"{statistics.median(secs):.2f}", f"{secs[-1]:.2f}"

    def rate(results, wall):
        total = sum(r.nbytes for r in results if r.ok)
        return total, (total / 1e6 / wall if wall > 0 else 0.0)

    up_total, up_rate = rate(up_results, up_wall)
    down_total, down_rate = rate(down_results, down_wall)
    up_p50, up_max = stats(up_results)
    down_p50, down_max = stats(down_results)
    fmt = lambda kb: "n/a" if kb is None else f"{mib(kb):.1f}"  # noqa: E731
    met = overall is not None and mib(overall) < target

    print()
    print(f"================ documents summary ({os.cpu_count()} cores; service, PostgreSQL"
          f"{', clamd' if os.environ.get('BENCH_CLAMD', '1') != '0' else ''} and clients on one machine)")
    print(f"documents: {clients} clients × {rounds} × {size} bytes ({size / 1048576:.1f} MiB); MB/s = 10^6 bytes/s; RSS in MiB"
          + (f"; uploads paced at {UPLOAD_RATE / 1e6:.2f} MB/s each" if UPLOAD_RATE else ""))
    print(f"{'measure':<40} {'value':>12}  {'p50 s':>8} {'max s':>8}  failures")
    print(f"{'upload MB/s (' + str(up_total // 1048576) + ' MiB / ' + f'{up_wall:.1f} s)':<40} {up_rate:>12.1f}  {up_p50:>8} {up_max:>8}  "
          f"{sum(1 for r in up_results if not r.ok)}/{len(up_results)}")
    print(f"{'download MB/s (' + str(down_total // 1048576) + ' MiB / ' + f'{down_wall:.1f} s)':<40} {down_rate:>12.1f}  {down_p50:>8} {down_max:>8}  "
          f"{sum(1 for r in down_results if not r.ok)}/{len(down_results)}"
          + (f" (+{missing} not tried: upload failed)" if missing else ""))
    print(f"{'RSS idle (before warm-up)':<40} {fmt(idle):>12}")
    print(f"{'RSS after warm-up':<40} {fmt(after_warm):>12}")
    print(f"{'RSS peak during upload':<40} {fmt(peak_up):>12}")
    print(f"{'RSS peak during download':<40} {fmt(peak_down):>12}")
    print(f"{'RSS 2 s after the last download':<40} {fmt(after):>12}")
    print(f"{'VmHWM (peak since start)':<40} {fmt(hwm):>12}")
    print(f"{'peak RSS vs target < ' + f'{target:.0f} MB':<40} {fmt(overall):>12}  {'met' if met else 'NOT MET'}")
    print(f"samples: {len(samples)} (every 100 ms)")
    for r in failures[:20]:
        print(f"FAILED {r.kind} after {r.seconds:.1f} s: {r.error}")
    if failures or missing:
        print(f"{len(failures)} failed requests" + (f", {missing} downloads not tried" if missing else ""))
        return 1
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "sample":
        sample(int(argv[1]), argv[2])
        return 0
    if len(argv) >= 3 and argv[0] == "run":
        return run(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
