using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// A form field declared as a non-nullable string binds an empty or blank value as that text, not as null: MVC's default
/// turns it into null, which the compiler cannot see, and an action that trimmed the field before asking ModelState
/// answered 500 (a blank name on registration). [Required] still refuses the blank value with its own message.
/// </summary>
public sealed class NonNullableStrings : IDisplayMetadataProvider
{
    private readonly NullabilityInfoContext _nullability = new();

    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key.PropertyInfo is { } property && property.PropertyType == typeof(string))
        {
            lock (_nullability)
            {
                if (_nullability.Create(property).WriteState == NullabilityState.NotNull)
                {
                    context.DisplayMetadata.ConvertEmptyStringToNull = false;
                }
            }
        }
    }
}
