using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>A labelled text input with its hint and its error message beside it.</summary>
public sealed record FieldViewModel(
    ModelStateDictionary ModelState, string Name, string Label, string? Value, string Type, string AutoComplete, string? Hint)
{
    public string? Error => ModelState[Name]?.Errors.FirstOrDefault()?.ErrorMessage;
}
