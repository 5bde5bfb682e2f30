import type { RenderedTemplate } from '../../models/helm/render-result';
import type { Finding } from '../types';
import { RenderedText } from '../units/unit-texts';

interface Entry {
  /** The findings of the rendered text, before they are mapped back onto the chart's files. */
  findings: Finding[];
  /** The text with its YAML parsed (fix mapping reads it). */
  rendered: RenderedText;
}

/**
 * The Kubernetes findings of a chart's rendered templates by rendered text, kept between lints of one chart
 * (the language server re-lints a chart after every edit): a template whose output did not change is not
 * linted again, and its YAML is not parsed again. Mapping the findings back through the source map is always
 * redone, since the source files may have moved under an unchanged output. Settings other than the last
 * lint's (rule severities, configuration, the rules given) empty it; texts no template rendered in the last
 * lint are dropped.
 */
export class TemplateLintCache {
  private settings: unknown[] = [];
  private entries = new Map<string, Entry>();
  private used = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  /** Starts a lint of the chart under these settings (compared by identity, one by one). */
  begin(settings: unknown[]): void {
    if (settings.length !== this.settings.length || settings.some((value, i) => value !== this.settings[i])) this.entries.clear();
    this.settings = settings;
    this.used = new Map();
    this.hits = this.misses = 0;
  }

  /** The template's findings (in the rendered text) and the rendered text to map them with. */
  lint(template: RenderedTemplate, run: (rendered: RenderedText) => Finding[]): { findings: Finding[]; rendered: RenderedText } {
    const key = `${template.file}\0${template.output.text}`;
    const entry = this.used.get(key) ?? this.entries.get(key);
    if (entry) {
      this.hits++;
      this.used.set(key, entry);
      return { findings: entry.findings, rendered: entry.rendered.withSpans(template.output) };
    }
    this.misses++;
    const rendered = new RenderedText(template.output);
    const fresh = { findings: run(rendered), rendered };
    this.used.set(key, fresh);
    return fresh;
  }

  /** Ends the lint: only what it used is kept. */
  end(): void {
    this.entries = this.used;
  }
}
