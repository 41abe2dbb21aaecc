package no.lytt.metrics;

/** One metric with its help text and all its series, able to write itself out. */
interface Family {
  void writeTo(StringBuilder out);
}
