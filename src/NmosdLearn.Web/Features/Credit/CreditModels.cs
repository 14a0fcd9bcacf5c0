using System.ComponentModel.DataAnnotations;

namespace NmosdLearn.Web.Features.Credit;

public sealed class EvaluationInput
{
    /// <summary>For each course objective, in order: 1 (not met) to 5 (fully met).</summary>
    public List<int?> Objectives { get; set; } = [];

    [Required(ErrorMessage = "Choose how relevant the course is to your practice")]
    [Range(1, 5, ErrorMessage = "Choose how relevant the course is to your practice")]
    public int? Relevance { get; set; }

    [Required(ErrorMessage = "Say what you intend to change in your practice, or that you intend no change")]
    [StringLength(4000, ErrorMessage = "Write 4000 characters or fewer")]
    public string? IntendedChange { get; set; }

    [Required(ErrorMessage = "Say whether you noticed commercial bias")]
    public bool? CommercialBias { get; set; }

    [StringLength(4000, ErrorMessage = "Write 4000 characters or fewer")]
    public string? CommercialBiasComment { get; set; }

    [Required(ErrorMessage = "Choose the overall quality of the course")]
    [Range(1, 5, ErrorMessage = "Choose the overall quality of the course")]
    public int? OverallQuality { get; set; }
}

public sealed class ClaimInput
{
    [Required(ErrorMessage = "Enter the hours or credit you claim")]
    public decimal? Credits { get; set; }

    [Required(ErrorMessage = "Enter the time you spent, in minutes")]
    [Range(1, 10_000, ErrorMessage = "Enter the time you spent, in minutes, as a whole number")]
    public int? Minutes { get; set; }

    [Range(typeof(bool), "true", "true", ErrorMessage = "Confirm that you completed the activity yourself and that the time is accurate")]
    public bool Attest { get; set; }
}
