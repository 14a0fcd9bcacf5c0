using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using NmosdLearn.Web.Features.Quizzes;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Content.Loading;

namespace NmosdLearn.Web.Tests;

/// <summary>
/// The real app on a real SQLite file in a temporary folder (or, in the suite's PostgreSQL pass, on a
/// database of its own on the test server), with the repository's courses. One instance is shared by
/// the integration tests; each test makes its own users, so no test depends on another's data.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@tests.nmosdlearn.local";
    public const string AdminPassword = "orchid lantern quarry seventeen";

    private protected readonly string Folder = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));

    public AppFactory()
    {
        Directory.CreateDirectory(Folder);
        _defaultContent = new Lazy<string>(CopyDefaultContent);
    }

    public virtual string DatabasePath => Path.Combine(Folder, "app.db");

    /// <summary>
    /// The PostgreSQL server of the suite's second pass (tests/run.sh starts it on loopback and sets
    /// NMOSDLEARN_TEST_POSTGRES), or null when the suite runs on SQLite.
    /// </summary>
    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable("NMOSDLEARN_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    /// <summary>True when this app runs on PostgreSQL; a factory that tests SQLite itself says false.</summary>
    public virtual bool OnPostgres => PostgresServer is not null;

    /// <summary>
    /// The PostgreSQL database standing for <see cref="DatabasePath"/>: the same path gives the same database, so a
    /// restart or a second instance on "the same file" shares its data there too. The server is thrown away after the run.
    /// </summary>
    public string PostgresConnectionString =>
        $"{PostgresServer};Database=nmosdlearn_{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DatabasePath)))[..20]}";

    /// <summary>Stops a test that needs several instances on one database: SQLite serves one instance (it refuses a second).</summary>
    public static void RequirePostgres() =>
        Assert.SkipWhen(PostgresServer is null, "Several instances on one database need PostgreSQL; this runs in the suite's PostgreSQL pass.");

    public static string RepositoryRoot { get; } = FindRoot();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Path", DatabasePath);
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        if (OnPostgres)
        {
            builder.UseSetting("Database:Provider", "PostgreSQL");
            builder.UseSetting("Database:ConnectionString", PostgresConnectionString);
        }

        builder.UseSetting("Content:Folder", ContentFolder);
        builder.UseSetting("Content:WatchForChanges", WatchContent ? "true" : "false");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("Certificates:PublicBaseUrl", "https://learn.example.org");
        builder.UseSetting("Certificates:SigningKey", SigningKeyPem);
        builder.UseSetting("Certificates:RsaSigningKey", RsaSigningKeyPem);
        builder.UseSetting("DataProtection:CertificatePath", KeyRingCertificatePath);
        // High enough for every test that verifies; the rate-limit test builds its own host with a low limit.
        builder.UseSetting("Certificates:Verification:PermitLimit", "100000");
        builder.UseSetting("Email:From", "learning@tests.nmosdlearn.local");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", Mailbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Security", "None");
        // The shared administrator signs in from many tests within a minute; the throttle tests use the defaults.
        builder.UseSetting("Accounts:Limits:SignIn:PerAccount", "100000");
        // The shared administrator signs in without a second factor; the two-factor tests turn the requirement on.
        builder.UseSetting("Accounts:RequireTwoFactorForStaff", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new AttemptSeeds(() => Seeds.TryDequeue(out var seed) ? seed : Random.Shared.Next()));
            services.AddTransient<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    /// <summary>The SMTP server the app sends its email to.</summary>
    public TestMailbox Mailbox { get; } = new();

    /// <summary>Seeds the next attempts take, in order (random once it is empty), so a test can fix what each attempt draws.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<int> Seeds { get; } = new();

    /// <summary>
    /// The content the app loads: a copy of the repository's courses plus "test-course" (the content
    /// tests' valid fixture, which has a pre-test, two lessons and knowledge checks), unless a derived
    /// factory says otherwise.
    /// </summary>
    protected virtual string ContentFolder => _defaultContent.Value;

    private readonly Lazy<string> _defaultContent;

    /// <summary>A post-test pool: six questions, three drawn per attempt (two on lesson "first", one on "second").</summary>
    public static string PoolCourseFixture => Path.Combine(RepositoryRoot, "tests", "NmosdLearn.Content.Tests", "Fixtures", "pool-course");

    public static string TestCourseFixture => Path.Combine(RepositoryRoot, "tests", "NmosdLearn.Content.Tests", "Fixtures", "valid-course");

    private string CopyDefaultContent()
    {
        var target = Path.Combine(Folder, "content");
        foreach (var course in Directory.GetDirectories(Path.Combine(RepositoryRoot, "content")))
        {
            CopyFolder(course, Path.Combine(target, Path.GetFileName(course)));
        }

        CopyFolder(TestCourseFixture, Path.Combine(target, "test-course"));
        CopyFolder(PoolCourseFixture, Path.Combine(target, "pool-course"));
        return target;
    }

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    protected virtual bool WatchContent => false;

    /// <summary>A fresh signing key for this app instance, as production would read it from its environment.</summary>
    public string SigningKeyPem { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// The certificate that encrypts the key ring, as production reads it from a file: one for the whole run, because apps
    /// started on one database (a restart, a second instance) must share it as a deployment's instances do.
    /// </summary>
    public static string KeyRingCertificatePath { get; } = WriteKeyRingCertificate();

    private static string WriteKeyRingCertificate()
    {
        var path = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", $"key-ring-{Guid.NewGuid():N}.pem");
        NmosdLearn.Web.Data.KeyRingProtection.CreateCertificateFile(path);
        return path;
    }

    /// <summary>A fresh RS256 key, as production would read it from its environment.</summary>
    public string RsaSigningKeyPem { get; } = RSA.Create(2048).ExportPkcs8PrivateKeyPem();

    public ContentLibrary Content => Services.GetRequiredService<ContentLibrary>();

    /// <summary>Creates a user with a role directly, for roles nobody can register for.</summary>
    public async Task<string> CreateUserAsync(string role, string password = "a long enough password")
    {
        var email = TestClient.NewEmail();
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<NmosdLearn.Web.Data.AppUser>>();
        var user = new NmosdLearn.Web.Data.AppUser { UserName = email, Email = email, FullName = $"Test {role}", Profession = "MD" };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    /// <summary>
    /// Records study time as if the learner had read for that long: the heartbeat tests measure time for
    /// real (with a test clock); journeys that only need the minimum met use this.
    /// </summary>
    public async Task RecordStudyTimeAsync(string email, string courseId, string step, int minutes)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NmosdLearn.Web.Data.AppDbContext>();
        var userId = db.Users.Single(u => u.Email == email).Id;
        // The pages' own heartbeats may have made the row already.
        var row = db.StudyTimes.SingleOrDefault(t => t.UserId == userId && t.CourseId == courseId && t.Step == step);
        if (row is null)
        {
            db.StudyTimes.Add(new NmosdLearn.Web.Data.StudyTime { UserId = userId, CourseId = courseId, Step = step, Seconds = minutes * 60 });
        }
        else
        {
            row.Seconds += minutes * 60;
        }

        await db.SaveChangesAsync();
        // As every writer does, so that a cached learner state is read again.
        await NmosdLearn.Web.Features.Progress.LearnerStateVersion.BumpLearnerStateAsync(db, userId, courseId, CancellationToken.None);
    }

    /// <summary>A client with cookies and its own client address, as a separate person's browser would have.</summary>
    public TestClient CreateTestClient(string? address = null)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address ?? TestClient.NewAddress());
        return new TestClient(http);
    }

    /// <summary>
    /// A client whose cookies live in <paramref name="cookies"/>: with the same container on two instances it is one
    /// browser moving between them behind a load balancer.
    /// </summary>
    public TestClient CreateTestClient(CookieContainer cookies, string address)
    {
        var http = CreateDefaultClient(new Uri("http://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        http.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return new TestClient(http);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Mailbox.Dispose();
        if (OnPostgres)
        {
            // Close this app's idle connections; the many apps of a run would otherwise fill the server's connection slots.
            using var connection = new Npgsql.NpgsqlConnection(PostgresConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NmosdLearn.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("NmosdLearn.sln not found");
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFactory>
{
    public const string Name = "app";
}

/// <summary>An HTTP client that behaves like a browser with cookies: it reads antiforgery tokens from the forms it gets.</summary>
public sealed partial class TestClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async Task<string> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    /// <summary>Loads the page holding a form, then posts the fields with that page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await GetPageAsync(formPage);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {formPage}");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        return await Http.PostAsync(action, content, Cancel);
    }

    public static string AntiforgeryTokenIn(string html)
    {
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, "no antiforgery token on the page");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public Task<HttpResponseMessage> RegisterAsync(
        string email, string fullName = "Test Clinician", string password = "a long enough password", string profession = "MD") =>
        SubmitAsync("/account/register", "/account/register",
        [
            new("FullName", fullName), new("Email", email), new("Profession", profession), new("Specialty", "Neurology"),
            new("Country", "United Kingdom"), new("LicenceNumber", ""), new("Password", password),
        ]);

    public Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        SubmitAsync("/account/login", "/account/login", [new("Email", email), new("Password", password)]);

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@tests.nmosdlearn.local";

    /// <summary>
    /// A made-up client address (documentation range 2001:db8::/32) in a /64 of its own, different for each client:
    /// rate limits count an IPv6 client by its /64.
    /// </summary>
    public static string NewAddress() => $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}::{Random.Shared.Next(1, 0xffff):x}";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>
/// The test server has no network connection, so every request would come from no address and share one
/// rate limit. Each test client names its own address in a header that only the tests' host reads.
/// </summary>
internal sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            await nextMiddleware();
        });
        next(app);
    };
}
