namespace NmosdLearn.Web.Features.Shared;

/// <summary>Marker for the interface strings: keys are the English text, translations live in Resources/.</summary>
public sealed class SharedResource;
