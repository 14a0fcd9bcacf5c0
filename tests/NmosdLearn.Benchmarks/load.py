#!/usr/bin/env python3
"""Load benchmark: the platform in Release and Production mode on loopback, measured with wrk.

Builds Release, starts the platform with a fresh database, prepares learners through the real HTTP
endpoints, then measures in alternating rounds against two baselines taken in the same run:
B0 (Kestrel serving a lesson's HTML as a static file) and B1 (an anonymous page through the layout).
Prints a table and writes the same figures as JSON. Usage (from the repository root):

    python3 tests/NmosdLearn.Benchmarks/load.py [--rounds 3] [--seconds 5] [--burst 2000] [--json FILE]
"""
import argparse, base64, glob, http.cookiejar, json, os, re, shutil, socket, statistics, subprocess
import sys, tempfile, threading, time, urllib.parse, urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PASSWORD = "a long enough password"
TOUR, TOUR_LESSON = "platform-tour", "from-lesson-to-certificate"
TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Learner:
    """One browser: cookies, and the antiforgery token of the last page it read."""

    def __init__(self, base, email):
        self.base, self.email = base, email
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.token = None
        self.last_headers = []

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=60) as response:
                text, status = response.read().decode("utf-8", "replace"), response.status
                self.last_headers = list(response.headers.items())
        except urllib.error.HTTPError as error:
            text, status = error.read().decode("utf-8", "replace"), error.code
            self.last_headers = list(error.headers.items())
        match = TOKEN.search(text)
        if match:
            self.token = match.group(1).replace("&#x2B;", "+").replace("&#x2F;", "/").replace("&#x3D;", "=")
        return status, text

    def post(self, page, action, fields):
        self.request(page)
        return self.request(action, list(fields) + [("__RequestVerificationToken", self.token)])

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def gc_setting(env, runtimeconfig):
    """The memory settings of the published platform (its project file's), and the variables that override them."""
    options = json.load(open(runtimeconfig))["runtimeOptions"].get("configProperties", {})
    setting = "Server" if options.get("System.GC.Server") else "Workstation"
    if options.get("System.GC.Server") and options.get("System.GC.DynamicAdaptationMode") == 1:
        setting += " with DATAS"
    if "System.GC.Gen0MaxBudget" in options:
        setting += f", first generation capped at {options['System.GC.Gen0MaxBudget'] // 1048576} MB"
    if options.get("System.Runtime.TieredPGO") is False:
        setting += ", tiered PGO off"
    overrides = [f"{key}={value}" for key, value in sorted(env.items())
                 if (key.startswith("DOTNET_") and ("GC" in key.upper() or "PGO" in key.upper())) or key == "MALLOC_ARENA_MAX"]
    return setting + (f", overridden by {' '.join(overrides)}" if overrides else "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """The confirmation links in the pickup folder, each file read once: 2,000 registrations rescanned and reread
    the newest files for every learner, and the client's CPU (on the server's two cores) slowed the preparation."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seen, self.links = set(), {}

    def link(self, mail_folder, email):
        for _ in range(400):
            with self.lock:
                for entry in os.scandir(mail_folder):
                    # A file still being written is read again at the next look.
                    if entry.name.endswith(".eml") and entry.name not in self.seen and self.read(entry.path):
                        self.seen.add(entry.name)
                if email in self.links:
                    return self.links.pop(email)
            time.sleep(0.05)
        raise RuntimeError(f"no confirmation email for {email}")

    def read(self, path):
        """True once the file holds its whole message (multipart: it ends with the closing boundary)."""
        text = open(path, encoding="utf-8", errors="replace").read()
        # The HTML part may be quoted-printable: join soft line breaks, decode =3D.
        flat = text.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
        link = re.search(r'href="[^"]*(/account/confirm\?user=[^"]+)"', flat)
        to = re.search(r"^To: .*?([^\s<>\"]+@[^\s<>\"]+)", text, re.MULTILINE)
        complete = text.rstrip().endswith("--")
        if complete and link and to:
            self.links[to.group(1)] = link.group(1).replace("&amp;", "&")
        return complete


MAILBOX = Mailbox()


def confirmation_link(mail_folder, email):
    return MAILBOX.link(mail_folder, email)


def register(base, mail_folder, n):
    learner = Learner(base, f"load-{n}-{os.getpid()}@bench.nmosdlearn.local")
    status, _ = learner.post("/account/register", "/account/register", [
        ("FullName", f"Load Learner {n}"), ("Email", learner.email), ("Profession", "MD"), ("Specialty", "Neurology"),
        ("Country", "United Kingdom"), ("LicenceNumber", ""), ("Password", PASSWORD)])
    assert status == 302, f"register {status}"
    status, _ = learner.request(confirmation_link(mail_folder, learner.email))
    assert status == 200, f"confirm {status}"
    # The confirmation link only confirms (it never signs in): sign in as the page asks.
    status, _ = learner.post("/account/login", "/account/login", [("Email", learner.email), ("Password", PASSWORD)])
    assert status == 302, f"sign-in {status}"
    return learner


def wrk(url, seconds, connections, headers=(), lua=None):
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if lua:
        command += ["-s", lua]
    out = subprocess.run(command + [url], capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return None
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": rps, "p50": latency(50), "p99": latency(99), "non2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(map(int, errors.groups())) if errors else 0}


WRK_THREADS = 2
BEGAN = time.monotonic()


def say(message):
    """Progress, with the time since the benchmark began (the whole run must stay under 10 minutes)."""
    elapsed = int(time.monotonic() - BEGAN)
    print(f"[{elapsed // 60}:{elapsed % 60:02}] {message}", flush=True)


def lua_rotating(path, method, requests):
    """A wrk script that sends each request from the next learner (cookie and, for POSTs, their token).

    Each wrk thread takes its own share of the learners, as each learner has one browser: otherwise both threads
    walk the same list in step and one learner's answers race each other, which no clinician's browser does."""
    lines = ["local requests = {"]
    for cookie, target, body in requests:
        lines.append("  {%s, %s, %s}," % (json.dumps(cookie), json.dumps(target), json.dumps(body or "")))
    lines += ["}", "local threads = 0", "function setup(thread)", "  thread:set('share', threads)", "  threads = threads + 1", "end",
              "local i = 0", "request = function()",
              f"  i = i + 1", f"  local n = ((i * {WRK_THREADS} + (share or 0)) % #requests) + 1", "  local r = requests[n]",
              # A browser's GET has no body and no Content-Type (with one, MVC would parse an empty form).
              f'  local headers = {{ ["Cookie"] = r[1] }}',
              f'  if "{method}" == "POST" then headers["Content-Type"] = "application/x-www-form-urlencoded" end',
              f'  return wrk.format("{method}", r[2], headers, r[3] ~= "" and r[3] or nil)', "end"]
    with open(path, "w") as f:
        f.write("\n".join(lines))
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--learners", type=int, default=64)
    parser.add_argument("--burst", type=int, default=2000)
    parser.add_argument("--cold-starts", type=int, default=5, help="fresh starts measured; the last one serves the rest of the benchmark")
    parser.add_argument("--burst-wait", type=float, default=0, help="seconds between preparing the burst's learners and the burst")
    parser.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                        help="a variable for the platform only (not the build), e.g. DOTNET_gcServer=1 to compare GC settings")
    parser.add_argument("--json", default=os.path.join(tempfile.gettempdir(), "nmosdlearn-load.json"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        subprocess.run(["sh", "-c", "apt-get update -qq && apt-get install -y -qq wrk"], check=True)

    work = tempfile.mkdtemp(prefix="nmosdlearn-load-")
    say(f"Publishing Release into {work}/app (as an operator would: ReadyToRun) ...")
    subprocess.run(["dotnet", "publish", "-c", "Release", "-v", "q", "-o", f"{work}/app", f"{ROOT}/src/NmosdLearn.Web"], check=True,
                   stdout=subprocess.DEVNULL)
    # A content root of its own, so B0's static lesson page never lands in the published folder it measures.
    content_root = f"{work}/root"
    shutil.copytree(f"{work}/app/wwwroot", f"{content_root}/wwwroot")
    shutil.copy(f"{work}/app/appsettings.json", content_root)
    key = subprocess.run("openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0",
                         shell=True, capture_output=True, text=True, check=True).stdout.strip()
    rsa_key = subprocess.run("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0",
                             shell=True, capture_output=True, text=True, check=True).stdout.strip()
    # The key-ring certificate, as deployment.md section 3 makes it.
    subprocess.run(f"openssl req -x509 -newkey rsa:3072 -noenc -days 36500 -subj '/CN=NmosdLearn key ring' -keyout - -out - > {work}/key-ring.pem",
                   shell=True, check=True, stderr=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", ASPNETCORE_URLS=base, DataProtection__CertificatePath=f"{work}/key-ring.pem",
               Database__Path=f"{work}/app.db", Content__Folder=f"{ROOT}/content", Email__From="bench@nmosdlearn.local",
               Email__PickupFolder=f"{work}/mail", Certificates__SigningKey=key, Certificates__RsaSigningKey=rsa_key, Certificates__PublicBaseUrl=base,
               Admin__Email="admin@bench.nmosdlearn.local", Admin__Password="quiet meadow copper lantern",
               Logging__LogLevel__Default="Warning")
    env.update(item.split("=", 1) for item in args.server_env)
    for step in ["SignIn", "Register", "PasswordReset", "TwoFactor"]:
        env[f"Accounts__Limits__{step}__PerAddress"] = "10000000"
        env[f"Accounts__Limits__{step}__PerAccount"] = "10000000"
    def start_server(database, log):
        """Starts the published platform on a new database; returns the process and its seconds to the first 200."""
        started = time.monotonic()
        process = subprocess.Popen(["dotnet", f"{work}/app/NmosdLearn.Web.dll", "--contentRoot", content_root],
                                   env=dict(env, Database__Path=database), stdout=subprocess.DEVNULL, stderr=open(log, "w"))
        while time.monotonic() - started < 60:
            try:
                if urllib.request.urlopen(base + "/courses", timeout=2).status == 200:
                    return process, time.monotonic() - started
            except Exception:
                time.sleep(0.02)
        process.kill()
        raise SystemExit("the platform did not start; see " + log)

    # One start is one sample of a shared machine's noise: the earlier ones are stopped again, each on a database of its own.
    cold_starts = []
    for attempt in range(1, args.cold_starts):
        process, seconds = start_server(f"{work}/cold-{attempt}.db", f"{work}/cold-{attempt}.log")
        cold_starts.append(seconds)
        process.terminate()
        process.wait(10)
    server, seconds = start_server(f"{work}/app.db", f"{work}/server.log")
    cold_starts.append(seconds)
    cold_start = statistics.median(cold_starts)
    say(f"Cold start to the first 200 with courses loaded: median {cold_start:.2f} s of {len(cold_starts)} starts, each on a new database "
        f"({min(cold_starts):.2f}-{max(cold_starts):.2f} s)")

    # The high-water mark of the server's memory at the end of each phase, to see which phase raised it.
    memory_by_phase = {}

    def mark(phase):
        memory_by_phase[phase] = round(int(re.search(r"VmHWM:\s+(\d+)", open(f"/proc/{server.pid}/status").read()).group(1)) / 1024)

    mark("started")
    try:
        mail = f"{work}/mail"
        say(f"Preparing {args.learners} learners through the HTTP endpoints ...")
        with ThreadPoolExecutor(4) as pool:
            learners = list(pool.map(lambda n: register(base, mail, n), range(args.learners)))
        nmosd = "nmosd-pain-en"
        lesson1 = re.search(r'^id: (\S+)', open(glob.glob(f"{ROOT}/content/{nmosd}/01-*.md")[0], encoding="utf-8").read(), re.M).group(1)
        check = re.search(r'^::: question (\S+)', open(glob.glob(f"{ROOT}/content/{nmosd}/01-*.md")[0], encoding="utf-8").read(), re.M).group(1)
        autosaves, checks = [], []

        def prepare(learner):
            learner.post(f"/courses/{TOUR}/start", f"/courses/{TOUR}/start", [])
            learner.post(f"/courses/{TOUR}/lessons/{TOUR_LESSON}", f"/courses/{TOUR}/lessons/{TOUR_LESSON}/complete", [])
            _, page = learner.request(f"/courses/{TOUR}/post-test")
            attempt = re.search(r"/attempts/([0-9a-f-]{36})/answers", page).group(1)
            autosave = (learner.cookie_header(), f"/courses/{TOUR}/post-test/attempts/{attempt}/answers",
                        urllib.parse.urlencode({"__RequestVerificationToken": learner.token, "q:tour-grading": "b"}))
            learner.post(f"/courses/{nmosd}/start", f"/courses/{nmosd}/start", [])
            _, page = learner.request(f"/courses/{nmosd}/pre-test")
            pre = re.search(r"/attempts/([0-9a-f-]{36})/review", page).group(1)
            learner.post(f"/courses/{nmosd}/pre-test/attempts/{pre}/review", f"/courses/{nmosd}/pre-test/attempts/{pre}/submit", [])
            learner.request(f"/courses/{nmosd}/lessons/{lesson1}")
            answer = (learner.cookie_header(), f"/courses/{nmosd}/lessons/{lesson1}/checks/{check}",
                      urllib.parse.urlencode({"__RequestVerificationToken": learner.token, f"q:{check}": "a"}))
            return autosave, answer

        with ThreadPoolExecutor(4) as pool:
            for autosave, answer in pool.map(prepare, learners):
                autosaves.append(autosave)
                checks.append(answer)

        # One learner earns the tour's certificate, for the PDF download.
        earner = learners[0]
        _, page = earner.request(f"/courses/{TOUR}/post-test")
        attempt = re.search(r"/attempts/([0-9a-f-]{36})/review", page).group(1)
        earner.post(f"/courses/{TOUR}/post-test", f"/courses/{TOUR}/post-test/attempts/{attempt}/review",
                    [("q:tour-grading", "b"), ("q:tour-verification", "c"), ("q:tour-version", "a")])
        earner.post(f"/courses/{TOUR}/post-test/attempts/{attempt}/review", f"/courses/{TOUR}/post-test/attempts/{attempt}/submit", [])
        earner.post(f"/courses/{TOUR}/evaluation", f"/courses/{TOUR}/evaluation",
                    [("Objectives[0]", "4"), ("Objectives[1]", "4"), ("Relevance", "5"), ("IntendedChange", "Ask about pain."),
                     ("CommercialBias", "false"), ("OverallQuality", "4")])
        earner.post(f"/courses/{TOUR}/claim", f"/courses/{TOUR}/claim", [("Credits", "0.25"), ("Minutes", "15"), ("Attest", "true")])
        _, confirmation = earner.request(f"/courses/{TOUR}/claim/confirmation")
        pdf = re.search(r"(/certificates/[0-9a-f-]{36}/pdf)", confirmation).group(1)

        # B0: the signed-in lesson page's own HTML, served as a static file by the same Kestrel.
        _, lesson_html = learners[1].request(f"/courses/{TOUR}/lessons/{TOUR_LESSON}")
        open(f"{content_root}/wwwroot/b0-lesson.html", "w", encoding="utf-8").write(lesson_html)
        login_requests = []
        for learner in learners:
            fresh = Learner(base, learner.email)
            fresh.request("/account/login")
            login_requests.append((fresh.cookie_header(), "/account/login",
                                   urllib.parse.urlencode({"__RequestVerificationToken": fresh.token, "Email": learner.email, "Password": PASSWORD})))

        lua = lambda name, method, requests: lua_rotating(f"{work}/{name}.lua", method, requests)
        get_as = lambda path: lua(f"get-{abs(hash(path))}", "GET", [(l.cookie_header(), path, None) for l in learners])
        targets = [
            ("B0 static lesson HTML", lambda: wrk(f"{base}/b0-lesson.html", args.seconds, 32)),
            ("B1 anonymous home page", lambda: wrk(f"{base}/", args.seconds, 32)),
            ("lesson page (signed in)", lambda: wrk(base, args.seconds, 32, lua=get_as(f"/courses/{TOUR}/lessons/{TOUR_LESSON}"))),
            ("catalog (signed in)", lambda: wrk(base, args.seconds, 32, lua=get_as("/courses"))),
            ("My learning (signed in)", lambda: wrk(base, args.seconds, 32, lua=get_as("/my"))),
            ("knowledge-check POST", lambda: wrk(base, args.seconds, 64, lua=lua("checks", "POST", checks))),
            ("post-test autosave POST", lambda: wrk(base, args.seconds, 64, lua=lua("autosaves", "POST", autosaves[1:]))),
            ("certificate PDF", lambda: wrk(f"{base}{pdf}", args.seconds, 32, headers=[f"Cookie: {earner.cookie_header()}"])),
            # Each sign-in costs ~0.2 s of one core (PBKDF2): at 32 connections the queue alone outlasts a 5 s run.
            ("login POST (PBKDF2)", lambda: wrk(base, args.seconds, 4, lua=lua("logins", "POST", login_requests))),
        ]
        mark("learners prepared")
        results = {name: [] for name, _ in targets}
        for round_number in range(1, args.rounds + 1):
            say(f"Round {round_number} of {args.rounds} ...")
            for name, run in targets:
                results[name].append(run())
                if round_number == 1:
                    mark(f"round 1: {name}")

        mark("rounds")
        say(f"Exam burst: {args.burst} learners open the post-test and autosave within 10 s ...")
        # Eight at a time keep the server's processors busy while each waits for its email.
        with ThreadPoolExecutor(8) as pool:
            burst_learners = list(pool.map(lambda n: register(base, mail, 100000 + n), range(args.burst)))
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda l: (l.post(f"/courses/{TOUR}/start", f"/courses/{TOUR}/start", []),
                                     l.post(f"/courses/{TOUR}/lessons/{TOUR_LESSON}", f"/courses/{TOUR}/lessons/{TOUR_LESSON}/complete", [])),
                          burst_learners))
        mark("burst learners registered")
        say(f"{args.burst} learners registered and in the course; the burst begins")
        time.sleep(args.burst_wait)
        burst_latencies, burst_errors = [], []

        def exam(learner):
            t0 = time.monotonic()
            status, page = learner.request(f"/courses/{TOUR}/post-test")
            attempt = re.search(r"/attempts/([0-9a-f-]{36})/answers", page)
            if status != 200 or not attempt:
                burst_errors.append(f"open {status} {re.sub(r'[?].*', '', dict(learner.last_headers).get('Location', ''))}")
                return
            burst_latencies.append(time.monotonic() - t0)
            t1 = time.monotonic()
            status, _ = learner.request(f"/courses/{TOUR}/post-test/attempts/{attempt.group(1)}/answers",
                                        [("__RequestVerificationToken", learner.token), ("q:tour-grading", "b")])
            if status != 204:
                burst_errors.append(f"autosave {status}")
            burst_latencies.append(time.monotonic() - t1)

        t0 = time.monotonic()
        with ThreadPoolExecutor(64) as pool:
            list(pool.map(exam, burst_learners))
        burst_seconds = time.monotonic() - t0
        if burst_errors:
            kinds = {}
            for error in burst_errors:
                kinds[error] = kinds.get(error, 0) + 1
            print(f"Exam burst errors by kind: {kinds}", flush=True)
        mark("burst")
        peak_kb = int(re.search(r"VmHWM:\s+(\d+)", open(f"/proc/{server.pid}/status").read()).group(1))
    finally:
        server.terminate()
        server.wait(10)

    b0 = [r["rps"] for r in results["B0 static lesson HTML"]]
    b1 = [r["rps"] for r in results["B1 anonymous home page"]]
    report = {"date": time.strftime("%Y-%m-%d"), "machine": f"{os.cpu_count()} cores", "cold_start_s": round(cold_start, 2),
              "cold_start_runs_s": [round(x, 2) for x in cold_starts],
              "peak_memory_mb": round(peak_kb / 1024), "peak_memory_mb_by_phase": memory_by_phase, "gc": gc_setting(env, f"{work}/app/NmosdLearn.Web.runtimeconfig.json"), "rounds": args.rounds, "seconds": args.seconds, "targets": {}}
    print()
    print(f"{'target':28} {'req/s (median)':>15} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'÷B0 range':>13} {'÷B1 range':>13}")
    for name, runs in results.items():
        ratios0 = [r["rps"] / b for r, b in zip(runs, b0)]
        ratios1 = [r["rps"] / b for r, b in zip(runs, b1)]
        entry = {"rps": [r["rps"] for r in runs], "p50_ms": [r["p50"] for r in runs], "p99_ms": [r["p99"] for r in runs],
                 "non2xx": sum(r["non2xx"] for r in runs), "socket_errors": sum(r["socket_errors"] for r in runs),
                 "ratio_b0": [round(x, 3) for x in ratios0], "ratio_b1": [round(x, 3) for x in ratios1]}
        report["targets"][name] = entry
        print(f"{name:28} {statistics.median(entry['rps']):15.0f} {statistics.median(entry['p50_ms']):8.1f} "
              f"{statistics.median(entry['p99_ms']):8.1f} {entry['non2xx']:8d} {min(ratios0):6.2f}-{max(ratios0):<6.2f} {min(ratios1):6.2f}-{max(ratios1):<6.2f}")
    ordered = sorted(burst_latencies)
    p99 = ordered[int(len(ordered) * 0.99) - 1] if ordered else None
    report["exam_burst"] = {"learners": args.burst, "seconds": round(burst_seconds, 2), "errors": len(burst_errors),
                            "p50_s": round(statistics.median(ordered), 3) if ordered else None, "p99_s": round(p99, 3) if p99 else None}
    print(f"\nExam burst: {args.burst} learners, {burst_seconds:.1f} s, {len(burst_errors)} errors, "
          f"p50 {report['exam_burst']['p50_s']} s, p99 {report['exam_burst']['p99_s']} s")
    print(f"Cold start {cold_start:.2f} s (median of {len(cold_starts)}, {min(cold_starts):.2f}-{max(cold_starts):.2f}); peak memory {peak_kb / 1024:.0f} MB (GC: {report['gc']})")
    print("Peak memory at the end of each phase: " + ", ".join(f"{phase} {mb} MB" for phase, mb in memory_by_phase.items()))
    json.dump(report, open(args.json, "w"), indent=2)
    print(f"JSON: {args.json}")
    say("done")


if __name__ == "__main__":
    main()
