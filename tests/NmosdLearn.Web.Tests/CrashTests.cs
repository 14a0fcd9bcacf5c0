using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using static NmosdLearn.Web.Tests.LearnerSteps;

namespace NmosdLearn.Web.Tests;

/// <summary>
/// The platform as a process of its own, killed with SIGKILL in the middle of a burst of answers and started
/// again, ten times: every answer that got a success response is in the database, and the database is sound.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const string Question = "tour-grading";
    private static readonly string[] Rotation = ["a", "b", "c"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
    private readonly TestMailbox _mailbox = new();
    private readonly int _port = FreePort();
    private Process? _platform;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Database => Path.Combine(_folder, "app.db");

    /// <summary>One learner's stream of answers to one question: what was acknowledged last, and what was in flight.</summary>
    private sealed class Writer(TestClient client, Guid attemptId, string token)
    {
        public TestClient Client { get; } = client;
        public Guid AttemptId { get; } = attemptId;
        public string Token { get; } = token;
        public int Sent { get; set; }
        public string? Acknowledged { get; set; }
        public string? InFlight { get; set; }
        public int Acknowledgements { get; set; }
    }

    [Fact]
    public async Task Killed_ten_times_during_a_burst_of_answers_the_platform_loses_no_acknowledged_answer()
    {
        Assert.SkipWhen(AppFactory.PostgresServer is not null, "Kills the process on its SQLite file; runs in the SQLite pass.");
        Directory.CreateDirectory(_folder);
        AppFactory.CopyFolder(Path.Combine(AppFactory.RepositoryRoot, "content", "platform-tour"), Path.Combine(_folder, "content", "platform-tour"));
        await StartAsync();
        var writers = new List<Writer>();
        for (var i = 0; i < 8; i++)
        {
            writers.Add(await NewWriterAsync());
        }

        for (var round = 0; round < 10; round++)
        {
            using var burst = new CancellationTokenSource();
            var streams = writers.Select(w => Task.Run(() => AnswerUntilKilledAsync(w, burst.Token), CancellationToken.None)).ToArray();
            await Task.Delay(Random.Shared.Next(400, 1200), Cancel);
            _platform!.Kill(); // SIGKILL: no shutdown, no flush
            await _platform.WaitForExitAsync(Cancel);
            await burst.CancelAsync();
            await Task.WhenAll(streams);

            Assert.Equal("ok", Scalar("PRAGMA integrity_check"));
            foreach (var writer in writers)
            {
                var stored = Scalar($"SELECT SelectedJson FROM AttemptAnswers WHERE upper(AttemptId) = upper('{writer.AttemptId}') AND QuestionId = '{Question}'");
                // The last acknowledged answer, or the one in flight when the process died (its response never came).
                // Nothing acknowledged yet means nothing need be stored.
                string?[] allowed = [Json(writer.Acknowledged), Json(writer.InFlight)];
                Assert.True(allowed.Contains(stored) && (writer.Acknowledged is null || stored is not null),
                    $"round {round}: stored {stored}, acknowledged {writer.Acknowledged}, in flight {writer.InFlight}");
                // What is stored now is what the next round builds on (the answer in flight may have been kept).
                writer.Acknowledged = stored is null ? null : stored[2..^2];
                writer.InFlight = null;
            }

            await StartAsync();
        }

        // The bursts were real: many answers were acknowledged across the rounds.
        Assert.True(writers.Sum(w => w.Sent) > 100, $"only {writers.Sum(w => w.Sent)} answers sent");
        Assert.True(writers.Sum(w => w.Acknowledgements) > 50, $"only {writers.Sum(w => w.Acknowledgements)} answers acknowledged");
    }

    private static string? Json(string? option) => option is null ? null : $"[\"{option}\"]";

    [Fact]
    public async Task A_second_platform_process_on_the_same_SQLite_file_stops_with_exit_code_78_and_says_why()
    {
        Assert.SkipWhen(AppFactory.PostgresServer is not null, "Tests SQLite's one-instance rule; runs in the SQLite pass.");
        Directory.CreateDirectory(Path.Combine(_folder, "content"));
        await StartAsync();

        using var second = Process.Start(PlatformProcess(FreePort()))!;
        var errors = second.StandardError.ReadToEndAsync(Cancel);
        _ = second.StandardOutput.ReadToEndAsync(Cancel);
        await second.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        Assert.Equal(78, second.ExitCode);
        Assert.Contains("NmosdLearn cannot start: Another NmosdLearn instance is using the database", await errors);
        Assert.False(_platform!.HasExited);
    }

    private async Task AnswerUntilKilledAsync(Writer writer, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var value = Rotation[writer.Sent % Rotation.Length];
            writer.InFlight = value;
            writer.Sent++;
            try
            {
                var response = await writer.Client.Http.PostAsync($"/courses/{Tour}/post-test/attempts/{writer.AttemptId}/answers",
                    new FormUrlEncodedContent([new($"q:{Question}", value), new("__RequestVerificationToken", writer.Token)]), CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The process died under the request: this answer was never acknowledged.
                return;
            }

            writer.Acknowledged = value;
            writer.InFlight = null;
            writer.Acknowledgements++;
        }
    }

    private async Task<Writer> NewWriterAsync()
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{_port}"),
        };
        var client = new TestClient(http);
        var email = TestClient.NewEmail();
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(await _mailbox.LinkAsync(email, "/account/confirm"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, "a long enough password")).StatusCode);
        await client.AcknowledgeAsync(Tour);
        Assert.Equal(HttpStatusCode.Redirect, (await client.CompleteLessonAsync(Tour, TourLesson)).StatusCode);
        var (attemptId, html) = await client.OpenTestAsync(Tour);
        Assert.NotEqual(Guid.Empty, attemptId);
        return new Writer(client, attemptId, TestClient.AntiforgeryTokenIn(html));
    }

    private async Task StartAsync()
    {
        var start = PlatformProcess(_port);
        _platform = Process.Start(start)!;
        var output = _platform.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = _platform.StandardError.ReadToEndAsync(CancellationToken.None);
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_platform.HasExited)
            {
                // Logs go to standard output; a refusal goes to standard error: both, to say why.
                var log = await output;
                Assert.Fail($"the platform stopped at start with exit code {_platform.ExitCode}: {await errors}\n{log[Math.Max(0, log.Length - 3000)..]}");
            }

            try
            {
                if ((await probe.GetAsync("/health/live", Cancel)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, Cancel);
        }

        Assert.Fail("the platform did not answer within 60 s");
    }

    /// <summary>The built platform as its own process on this test's database, in the Testing environment.</summary>
    private ProcessStartInfo PlatformProcess(int port)
    {
        var web = Path.Combine(AppFactory.RepositoryRoot, "src", "NmosdLearn.Web", "bin", Configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(web, "NmosdLearn.Web.dll")])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Database__Path"] = Database,
            ["Content__Folder"] = Path.Combine(_folder, "content"),
            ["Content__WatchForChanges"] = "false",
            ["Admin__Email"] = AppFactory.AdminEmail,
            ["Admin__Password"] = AppFactory.AdminPassword,
            ["Certificates__PublicBaseUrl"] = "https://learn.example.org",
            ["Certificates__SigningKey"] = SigningKey,
            ["Certificates__RsaSigningKey"] = RsaSigningKey,
            ["Email__From"] = "learning@tests.nmosdlearn.local",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = _mailbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            // Every learner of this test comes from 127.0.0.1.
            ["Accounts__Limits__Register__PerAddress"] = "1000",
            ["Accounts__Limits__SignIn__PerAddress"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private string? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static readonly string SigningKey = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    private static readonly string RsaSigningKey = RSA.Create(2048).ExportPkcs8PrivateKeyPem();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (_platform is { HasExited: false })
        {
            _platform.Kill();
        }

        _mailbox.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
