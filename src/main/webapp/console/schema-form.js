// Forms generated from JSON Schemas (function args, Neuro action data) and a checker for the keywords they use.
import { el } from './dom.js';

let fieldCount = 0;

/**
 * Builds a form part for a schema. Returns {node, read()} where read() gives {value} or {error}.
 * Objects get one field per property, arrays with prefixItems one field per item, open arrays and
 * anything else a JSON box; numbers, strings, booleans and enums get their own inputs.
 */
export function schemaFields(schema, label = 'data') {
  schema = schema && typeof schema === 'object' ? schema : {};
  if (schema.type === 'object' && schema.properties && Object.keys(schema.properties).length) {
    const required = new Set(schema.required ?? []);
    const parts = Object.entries(schema.properties).map(([name, sub]) =>
      [name, scalarOrJson(sub, name, required.has(name))]);
    return {
      node: el('fieldset', { class: 'schema' }, el('legend', {}, label), ...parts.map(([, p]) => p.node)),
      read() {
        const value = {};
        for (const [name, part] of parts) {
          const r = part.read();
          if (r.error) return { error: `${name}: ${r.error}` };
          if (r.value !== undefined) value[name] = r.value;
        }
        return { value };
      },
    };
  }
  if (schema.type === 'object' && !schema.properties) {
    return { node: el('p', { class: 'hint' }, 'No parameters.'), read: () => ({ value: {} }) };
  }
  if (schema.type === 'array' && Array.isArray(schema.prefixItems)) {
    const min = schema.minItems ?? schema.prefixItems.length;
    const parts = schema.prefixItems.map((sub, i) => scalarOrJson(sub, sub.title ?? `item ${i}`, i < min));
    return {
      node: el('fieldset', { class: 'schema' }, el('legend', {}, label), ...parts.map((p) => p.node)),
      read() {
        const value = [];
        for (const [i, part] of parts.entries()) {
          const r = part.read();
          if (r.error) return { error: `${schema.prefixItems[i].title ?? i}: ${r.error}` };
          if (r.value === undefined) break; // optional trailing items left empty
          value.push(r.value);
        }
        return { value };
      },
    };
  }
  if (schema.type === 'array' && schema.items && ['number', 'integer'].includes(schema.items.type)) {
    return numberList(schema, label);
  }
  return jsonBox(schema, label, true);
}

function scalarOrJson(schema, name, required) {
  schema = schema && typeof schema === 'object' ? schema : {};
  const id = `field-${++fieldCount}`;
  const title = el('label', { for: id }, name, required ? el('span', { class: 'req', title: 'required' }, ' *') : null);
  const help = schema.description && schema.description !== name ? el('small', {}, ' ', schema.description) : null;
  if (Array.isArray(schema.enum)) {
    const select = el('select', { id, name, 'data-field': name },
      required ? null : el('option', { value: '' }, '(none)'),
      ...schema.enum.map((v, i) => el('option', { value: String(i) }, JSON.stringify(v))));
    return field(title, select, help, () => select.value === '' ? { value: undefined } : { value: schema.enum[Number(select.value)] });
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    const input = el('input', {
      id, name, 'data-field': name, type: 'number', step: schema.type === 'integer' ? '1' : 'any',
      min: schema.minimum, max: schema.maximum, required,
    });
    return field(title, input, help, () => {
      if (input.value.trim() === '') {
        return required && !input.validity.badInput ? { error: 'required' } : input.validity.badInput ? { error: 'not a number' } : { value: undefined };
      }
      return { value: Number(input.value) };
    });
  }
  if (schema.type === 'string') {
    const input = el('input', { id, name, 'data-field': name, type: 'text', required });
    return field(title, input, help, () => input.value === '' && !required ? { value: undefined } : { value: input.value });
  }
  if (schema.type === 'boolean') {
    const input = el('input', { id, name, 'data-field': name, type: 'checkbox' });
    return field(title, input, help, () => ({ value: input.checked }));
  }
  const box = jsonBox(schema, name, required, id);
  return box;
}

function field(title, input, help, read) {
  return { node: el('div', { class: 'field' }, title, input, help), read };
}

function numberList(schema, label) {
  const id = `field-${++fieldCount}`;
  const input = el('input', { id, name: label, 'data-field': label, type: 'text', placeholder: 'numbers separated by commas', inputmode: 'decimal' });
  return field(el('label', { for: id }, label, el('small', {}, ' (numbers, comma separated)')), input, null, () => {
    const text = input.value.trim();
    if (text === '') return { value: [] };
    const numbers = text.split(',').map((s) => s.trim());
    const bad = numbers.find((s) => s === '' || !Number.isFinite(Number(s)));
    return bad !== undefined ? { error: `'${bad}' is not a number` } : { value: numbers.map(Number) };
  });
}

function jsonBox(schema, label, required, id = `field-${++fieldCount}`) {
  const area = el('textarea', { id, name: label, 'data-field': label, rows: 3, spellcheck: 'false' });
  area.value = schema.type === 'array' ? '[]' : schema.type === 'object' ? '{}' : '';
  return field(el('label', { for: id }, label, el('small', {}, ' (JSON)')), area, null, () => {
    if (area.value.trim() === '') return required ? { error: 'required' } : { value: undefined };
    try {
      return { value: JSON.parse(area.value) };
    } catch (e) {
      return { error: 'not valid JSON: ' + e.message };
    }
  });
}

/** Problems of a value under a schema (the keywords games and the catalog use); empty when it validates. */
export function validate(schema, value, path = 'data') {
  if (schema === true || schema === undefined || schema === null) return [];
  if (schema === false) return [`${path}: not allowed`];
  const problems = [];
  const type = typeOf(value);
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some((t) => t === type || (t === 'number' && type === 'integer'));
    if (!ok) return [`${path}: expected ${types.join(' or ')}, got ${type}`];
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) problems.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))) {
    problems.push(`${path}: must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  if (type === 'number' || type === 'integer') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: must be at most ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) problems.push(`${path}: must be more than ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) problems.push(`${path}: must be less than ${schema.exclusiveMaximum}`);
    if (schema.multipleOf && !Number.isInteger(value / schema.multipleOf)) problems.push(`${path}: must be a multiple of ${schema.multipleOf}`);
  }
  if (type === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) problems.push(`${path}: at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength) problems.push(`${path}: at most ${schema.maxLength} characters`);
    if (schema.pattern) {
      try {
        if (!new RegExp(schema.pattern, 'u').test(value)) problems.push(`${path}: must match ${schema.pattern}`);
      } catch {
        // a pattern this browser cannot read is left to the server
      }
    }
  }
  if (type === 'array') {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${path}: at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${path}: at most ${schema.maxItems} items`);
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : [];
    value.forEach((item, i) => {
      const sub = i < prefix.length ? prefix[i] : Array.isArray(schema.items) ? schema.additionalItems : schema.items;
      problems.push(...validate(sub, item, `${path}[${i}]`));
    });
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) problems.push(`${path}: items must be unique`);
  }
  if (type === 'object') {
    for (const name of schema.required ?? []) if (!(name in value)) problems.push(`${path}.${name}: required`);
    const properties = schema.properties ?? {};
    for (const [name, item] of Object.entries(value)) {
      if (name in properties) problems.push(...validate(properties[name], item, `${path}.${name}`));
      else if (schema.additionalProperties !== undefined) problems.push(...validate(schema.additionalProperties, item, `${path}.${name}`));
    }
  }
  for (const sub of schema.allOf ?? []) problems.push(...validate(sub, value, path));
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((sub) => validate(sub, value, path).length === 0)) problems.push(`${path}: matches none of anyOf`);
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((sub) => validate(sub, value, path).length === 0).length !== 1) problems.push(`${path}: must match exactly one of oneOf`);
  return problems;
}

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
