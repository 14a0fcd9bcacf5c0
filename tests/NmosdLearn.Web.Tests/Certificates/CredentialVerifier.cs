using System.Buffers.Text;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>
/// Checks a credential the way an outside verifier would, with libraries that share no code with the platform and
/// only the published key set: Microsoft's JWT handler in process, and jose + ajv (from npm) in Node.
/// </summary>
public static class CredentialVerifier
{
    public const string Issuer = "https://learn.example.org/issuer";

    public static async Task<bool> VerifyAsync(string jwt, string jwks, bool checkValidity = true)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidIssuer = Issuer,
            ValidateAudience = false,
            ValidateLifetime = checkValidity,
            RequireExpirationTime = false,
            ClockSkew = TimeSpan.Zero,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        return result.IsValid;
    }

    public static JsonObject Header(string jwt) => JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[0]))!.AsObject();

    public static JsonObject Payload(string jwt) => JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]))!.AsObject();

    /// <summary>The JWT with its payload replaced and the original signature kept, as a forger would try.</summary>
    public static string WithPayload(string jwt, JsonObject payload)
    {
        var parts = jwt.Split('.');
        return $"{parts[0]}.{Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
    }

    /// <summary>What jose and ajv make of a JWT: signature and claims against the key set, the payload against the Open Badges 3.0 schema.</summary>
    public static async Task<JsonObject> CheckWithNodeAsync(string jwt, string jwks, bool withSchema = true)
    {
        var folder = Path.Combine(AppFactory.RepositoryRoot, "tests", "credential-check");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "jose")),
            "tests/credential-check has no node_modules: run 'npm ci' there (tests/run.sh does)");
        var work = Directory.CreateTempSubdirectory("nmosdlearn-credential-");
        try
        {
            var jwtFile = Path.Combine(work.FullName, "credential.jwt");
            var jwksFile = Path.Combine(work.FullName, "jwks.json");
            await File.WriteAllTextAsync(jwtFile, jwt);
            await File.WriteAllTextAsync(jwksFile, jwks);
            var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "verify.mjs", jwtFile, jwksFile, Issuer }.Concat(withSchema ? ["ob_v3p0_achievementcredential_schema.json"] : []))
            {
                start.ArgumentList.Add(argument);
            }

            using var node = Process.Start(start)!;
            var output = await node.StandardOutput.ReadToEndAsync();
            var error = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, error);
            return JsonNode.Parse(output)!.AsObject();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Every value in the payload, each as a copy of the payload with that one value changed.</summary>
    public static IEnumerable<(string Path, JsonObject Changed)> EveryFieldChanged(JsonObject payload)
    {
        var count = Leaves(payload).Count();
        for (var i = 0; i < count; i++)
        {
            var copy = (JsonObject)payload.DeepClone();
            var leaf = Leaves(copy).ElementAt(i);
            var path = leaf.GetPath();
            var changed = leaf.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => JsonValue.Create(leaf.GetValue<string>() + "x"),
                System.Text.Json.JsonValueKind.Number => JsonValue.Create(leaf.GetValue<decimal>() + 1),
                System.Text.Json.JsonValueKind.True => JsonValue.Create(false),
                System.Text.Json.JsonValueKind.False => JsonValue.Create(true),
                _ => JsonValue.Create("changed"),
            };
            leaf.ReplaceWith(changed);
            yield return (path, copy);
        }
    }

    private static IEnumerable<JsonNode> Leaves(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Leaves(p.Value!)),
        JsonArray array => array.SelectMany(item => Leaves(item!)),
        _ => [node],
    };
}
