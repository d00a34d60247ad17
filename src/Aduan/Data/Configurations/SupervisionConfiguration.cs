using Aduan.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aduan.Data.Configurations;

internal sealed class DailyCountConfiguration : IEntityTypeConfiguration<DailyCount>
{
    public void Configure(EntityTypeBuilder<DailyCount> b)
    {
        // The dashboard reads a range of days (or months) for the city, or for one agency: both start with the span and day.
        b.HasKey(c => new { c.Span, c.Day, c.AgencyId, c.Figure, c.Value });
        b.HasIndex(c => new { c.AgencyId, c.Span, c.Day });

        // The weekly trend reads four figures of 182 days, not every figure and histogram value of those days; the public
        // statistics read a few figures of a period by agency and value (a category, a channel, a state).
        b.HasIndex(c => new { c.Span, c.Figure, c.Day, c.AgencyId, c.Value, c.Count });
    }
}
