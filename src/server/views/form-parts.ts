import { html, raw } from 'hono/html';
import type { FieldErrors } from '../../core/platform/app-error.ts';
import type { Html } from './layout.ts';

export interface FormState {
  values: Record<string, unknown>;
  errors: FieldErrors;
  message?: string;
}

export const emptyForm: FormState = { values: {}, errors: {} };

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

export function errorSummary(state: FormState): Html {
  const n = Object.keys(state.errors).length;
  if (!state.message && n === 0) return html``;
  return html`<div class="notice error" role="alert">
    <strong>${state.message ?? '提交的内容有误，请检查后重试'}</strong>${
      n > 0
        ? html`<ul>
            ${Object.entries(state.errors).map(([, m]) => html`<li>${m}</li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

interface FieldOptions {
  type?: 'text' | 'password' | 'email' | 'number';
  hint?: string;
  required?: boolean;
  autocomplete?: string;
}

export function textField(state: FormState, name: string, label: string, o: FieldOptions = {}): Html {
  const err = state.errors[name];
  const id = `f-${name}`;
  const describedBy = [o.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ');
  return html`<label for="${id}"
      >${label}${o.required ? raw('<span aria-hidden="true"> *</span>') : ''}
      ${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : ''}
      ${err ? html`<span class="field-error" id="${id}-err">${err}</span>` : ''}</label
    >
    <input
      type="${o.type ?? 'text'}"
      id="${id}"
      name="${name}"
      value="${o.type === 'password' ? '' : str(state.values[name])}"
      ${
        o.required ? raw(' required') : ''
      }${describedBy ? raw(` aria-describedby="${describedBy}"`) : ''}${err ? raw(' aria-invalid="true"') : ''}${
        o.autocomplete ? raw(` autocomplete="${o.autocomplete}"`) : ''
      }
    />`;
}

export function textArea(
  state: FormState,
  name: string,
  label: string,
  o: { hint?: string; required?: boolean } = {},
): Html {
  const err = state.errors[name];
  const id = `f-${name}`;
  return html`<label for="${id}"
      >${label}${o.required ? raw('<span aria-hidden="true"> *</span>') : ''}
      ${o.hint ? html`<span class="hint">${o.hint}</span>` : ''}
      ${err ? html`<span class="field-error" id="${id}-err">${err}</span>` : ''}</label
    >
    <textarea
      id="${id}"
      name="${name}"
      ${o.required ? raw(' required') : ''}${err ? raw(` aria-invalid="true" aria-describedby="${id}-err"`) : ''}
    >
${str(state.values[name])}</textarea>`;
}

export function selectField(
  state: FormState,
  name: string,
  label: string,
  options: { value: string; label: string }[],
  o: { required?: boolean } = {},
): Html {
  const err = state.errors[name];
  const id = `f-${name}`;
  const current = str(state.values[name]);
  return html`<label for="${id}"
      >${label}${o.required ? raw('<span aria-hidden="true"> *</span>') : ''}
      ${err ? html`<span class="field-error" id="${id}-err">${err}</span>` : ''}</label
    >
    <select
      id="${id}"
      name="${name}"
      ${o.required ? raw(' required') : ''}${err ? raw(` aria-invalid="true" aria-describedby="${id}-err"`) : ''}
    >
      <option value="">请选择</option>
      ${options.map((op) => html`<option value="${op.value}" ${op.value === current ? raw(' selected') : ''}>${op.label}</option>`)}
    </select>`;
}
