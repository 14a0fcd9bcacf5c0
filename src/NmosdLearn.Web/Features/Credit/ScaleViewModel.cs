namespace NmosdLearn.Web.Features.Credit;

public sealed record ScaleViewModel(string Id, string Name, string Legend, int? Value, string? Error, string LowLabel, string HighLabel);
