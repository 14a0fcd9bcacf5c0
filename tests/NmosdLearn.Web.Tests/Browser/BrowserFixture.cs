using Microsoft.Playwright;

namespace NmosdLearn.Web.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright. Playwright downloads
/// no browser here: it launches /usr/bin/chromium, which the test command installs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPage, List<string>> _refusals = new();

    public AppFactory App { get; } = new BrowserAppFactory();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        _refusals[page] = refused;
        page.Console += (_, message) =>
        {
            // A CSP refusal, or a page asset that is missing (the browser asks for /favicon.ico on every page).
            var missingAsset = message.Text.Contains("Failed to load resource", StringComparison.Ordinal)
                && System.Text.RegularExpressions.Regex.IsMatch(message.Location, @"\.(ico|js|css|png|svg|woff2)(\?|:|$)");
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || missingAsset))
            {
                lock (refused)
                {
                    refused.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return page;
    }

    /// <summary>
    /// A client of the running server outside the browser, for setting up what a test needs through the platform's own
    /// forms (the factory's in-memory client does not reach a Kestrel server).
    /// </summary>
    public TestClient CreateHttpClient()
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        http.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, TestClient.NewAddress());
        return new TestClient(http);
    }

    /// <summary>What the browser refused to load or apply on this page because of the content security policy, and page assets it could not load.</summary>
    public IReadOnlyList<string> ContentSecurityRefusals(IPage page)
    {
        var refused = _refusals[page];
        lock (refused)
        {
            return [.. refused];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>Every browser test's Chromium connects from loopback: one address, so its limits are raised to the suite's needs.</summary>
internal sealed class BrowserAppFactory : AppFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The browser reads its email where a developer would: the development mailbox page over the pickup folder.
        builder.UseSetting("Email:PickupFolder", Path.Combine(Folder, "mail"));
        foreach (var step in new[] { "SignIn", "Register", "PasswordReset", "TwoFactor" })
        {
            builder.UseSetting($"Accounts:Limits:{step}:PerAddress", "10000");
        }
    }
}
