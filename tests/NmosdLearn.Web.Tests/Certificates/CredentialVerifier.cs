using System.Buffers.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>
/// Checks a credential the way an outside verifier would, with an independent JWT library and only
/// the published key set: the JWT's signature, issuer and validity, then that the document without
/// its proof is exactly the JWT's payload.
/// </summary>
public static class CredentialVerifier
{
    public const string Issuer = "https://learn.example.org/";

    public static async Task<bool> VerifyAsync(JsonObject document, string jwks, bool checkValidity = true)
    {
        if (document["proof"]?["jwt"] is not JsonValue value || !value.TryGetValue<string>(out var jwt))
        {
            return false;
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidIssuer = Issuer,
            ValidateAudience = false,
            ValidateLifetime = checkValidity,
            RequireExpirationTime = false,
            ClockSkew = TimeSpan.Zero,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });
        if (!result.IsValid)
        {
            return false;
        }

        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]));
        var credential = (JsonObject)document.DeepClone();
        credential.Remove("proof");
        return JsonNode.DeepEquals(payload, credential);
    }

    public static JsonObject Header(JsonObject document) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(document["proof"]!["jwt"]!.GetValue<string>().Split('.')[0]))!.AsObject();

    /// <summary>Every value in the document outside its proof, each as a copy of the document with that one value changed.</summary>
    public static IEnumerable<(string Path, JsonObject Changed)> EveryFieldChanged(JsonObject document)
    {
        var count = Leaves(document).Count();
        for (var i = 0; i < count; i++)
        {
            var copy = (JsonObject)document.DeepClone();
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

    /// <summary>The values of the document outside its proof, in document order.</summary>
    private static IEnumerable<JsonNode> Leaves(JsonObject document) =>
        document.Where(p => p.Key != "proof").SelectMany(p => Leaves(p.Value!));

    private static IEnumerable<JsonNode> Leaves(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Leaves(p.Value!)),
        JsonArray array => array.SelectMany(item => Leaves(item!)),
        _ => [node],
    };
}
