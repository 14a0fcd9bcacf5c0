using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static NmosdLearn.Web.Tests.LearnerSteps;

namespace NmosdLearn.Web.Tests;

/// <summary>Records every interface string asked for in Chinese that has no Chinese translation.</summary>
public sealed class RecordingLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, loggers);

    public static ConcurrentDictionary<string, byte> Missing { get; } = new();

    public IStringLocalizer Create(Type resourceSource) => new Recording(_inner.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new Recording(_inner.Create(baseName, location));

    private sealed class Recording(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Record(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Record(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private static LocalizedString Record(LocalizedString value)
        {
            if (value.ResourceNotFound && CultureInfo.CurrentUICulture.Name == "zh-CN")
            {
                Missing.TryAdd(value.Name, 0);
            }

            return value;
        }
    }
}

public sealed class ChineseInterfaceFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStringLocalizerFactory, RecordingLocalizerFactory>());
    }
}

public sealed partial class LocalizationTests(ChineseInterfaceFactory app) : IClassFixture<ChineseInterfaceFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string WebProject => Path.Combine(AppFactory.RepositoryRoot, "src", "NmosdLearn.Web");

    [Fact]
    public void Every_interface_string_in_the_source_has_a_chinese_translation()
    {
        var translations = XDocument.Load(Path.Combine(WebProject, "Resources", "Features.Shared.SharedResource.zh-CN.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
        var files = Directory.GetFiles(WebProject, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

        var missing = files.SelectMany(file => InterfaceString().Matches(File.ReadAllText(file))
                .SelectMany(m => m.Groups.Values.Skip(1).Where(g => g.Success).Select(g => Regex.Unescape(g.Value))))
            .Distinct()
            .Where(key => !translations.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
            .Order()
            .ToList();

        Assert.True(missing.Count == 0, "no Chinese translation for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_learner_page_in_chinese_shows_only_translated_interface_strings()
    {
        var client = app.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        const string course = "test-course";

        var visited = new List<string>();
        async Task Visit(string path)
        {
            var response = await client.Http.GetAsync(path, Cancel);
            Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode is 403 or 404, $"{path}: {response.StatusCode}");
            Assert.Contains("lang=\"zh-CN\"", await response.Content.ReadAsStringAsync(Cancel));
            visited.Add(path);
        }

        await Visit("/");
        await Visit("/account/register");
        await Visit("/account/login");
        await client.RegisterAsync(TestClient.NewEmail(), password: "short");
        await client.LoginAsync("nobody@tests.nmosdlearn.local", "wrong password");
        var email = TestClient.NewEmail();
        await client.RegisterAsync(email, "张伟");
        await client.ConfirmEmailAsync(app, email);
        await Visit("/courses");
        await Visit($"/courses/{course}");
        await Visit($"/courses/{course}/start");
        await client.AcknowledgeAsync(course);
        await Visit($"/courses/{course}/pre-test");
        await client.TakeTestAsync(course, [("pre-one", "b"), ("pre-two", "a")], "pre-test");
        await Visit($"/courses/{course}/lessons/first");
        await client.CompleteLessonAsync(course, "first");
        await Visit($"/courses/{course}/lessons/first?unanswered=true");
        await client.AnswerCheckAsync(course, "first", "check-one", "a");
        await Visit($"/courses/{course}/lessons/first");
        await client.CompleteLessonAsync(course, "first");
        await client.CompleteLessonAsync(course, "second");
        var (attemptId, _) = await client.OpenTestAsync(course);
        await Visit($"/courses/{course}/post-test/attempts/{attemptId}/review");
        await Visit(await client.TakeTestAsync(course, [("post-one", "b")]));
        await Visit(await client.TakeTestAsync(course, [("post-one", "a"), ("post-two", "a"), ("post-two", "c"), ("post-three", "a"), ("post-four", "c")]));
        await client.SubmitAsync($"/courses/{course}/evaluation", $"/courses/{course}/evaluation", [new("CommercialBias", "true")]);
        await client.EvaluateAsync(course, 1);
        await client.SubmitAsync($"/courses/{course}/claim", $"/courses/{course}/claim", [new("Credits", "9"), new("Minutes", "x")]);
        await client.ClaimAsync(course, "1.5");
        await Visit($"/courses/{course}/claim/confirmation");
        var confirmation = await client.GetPageAsync($"/courses/{course}/claim/confirmation");
        await Visit(LearnerSteps.VerifyLink().Match(confirmation).Value[6..^1]);
        await Visit("/my");
        await Visit("/my/certificates");
        await Visit("/verify/no-such-code");
        await Visit("/no-such-page");
        await Visit("/account/access-denied");

        Assert.True(RecordingLocalizerFactory.Missing.IsEmpty,
            "untranslated in zh-CN:\n" + string.Join("\n", RecordingLocalizerFactory.Missing.Keys.Order()));
    }

    [GeneratedRegex(""""(?:\bL|localizer)\["((?:[^"\\]|\\.)*)"|localize\("((?:[^"\\]|\\.)*)"|ErrorMessage = "((?:[^"\\]|\\.)*)"|\.Plural\([^,]+?,\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"""")]
    private static partial Regex InterfaceString();
}
