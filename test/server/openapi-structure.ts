// What OpenAPI 3.0 requires of a document's structure, checked without a validator package: the
// fields of each object, path templates against path parameters, responses, security requirements
// against the declared schemes, schema keywords, and that every $ref resolves. One line per problem,
// each with the JSON path where it is.

type Json = Record<string, unknown>

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const isExtension = (key: string) => key.startsWith('x-')

const ROOT_FIELDS = ['openapi', 'info', 'servers', 'paths', 'components', 'security', 'tags', 'externalDocs']
const PATH_ITEM_FIELDS = ['$ref', 'summary', 'description', 'servers', 'parameters']
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const OPERATION_FIELDS = [
  'tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses', 'callbacks', 'deprecated',
  'security', 'servers',
]
const PARAMETER_FIELDS = [
  'name', 'in', 'description', 'required', 'deprecated', 'allowEmptyValue', 'style', 'explode', 'allowReserved', 'schema', 'example',
  'examples', 'content',
]
const PARAMETER_PLACES = ['query', 'header', 'path', 'cookie']
const RESPONSE_FIELDS = ['description', 'headers', 'content', 'links']
const MEDIA_TYPE_FIELDS = ['schema', 'example', 'examples', 'encoding']
const SCHEMA_FIELDS = [
  'title', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems',
  'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'required', 'enum', 'type', 'allOf', 'oneOf', 'anyOf', 'not', 'items',
  'properties', 'additionalProperties', 'description', 'format', 'default', 'nullable', 'discriminator', 'readOnly', 'writeOnly', 'xml',
  'externalDocs', 'example', 'deprecated',
]
const SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object']
const STATUS = /^([1-5]\d\d|[1-5]XX|default)$/
const SECURITY_TYPES = ['apiKey', 'http', 'oauth2', 'openIdConnect']

/** Every problem with `document` as an OpenAPI 3.0 document; empty when there is none. */
export function openApiProblems(document: unknown): string[] {
  const problems: string[] = []
  const problem = (where: string, what: string): void => {
    problems.push(`${where}: ${what}`)
  }

  function fieldsOf(value: Json, allowed: string[], where: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key) && !isExtension(key)) problem(where, `unknown field "${key}"`)
    }
  }

  function text(value: unknown, where: string, required = true): void {
    if (value === undefined ? required : typeof value !== 'string') problem(where, 'must be a string')
  }

  // Resolved against the whole document: only local references are used here.
  function resolves(ref: unknown, where: string): void {
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return problem(where, `$ref ${JSON.stringify(ref)} is not a local reference`)
    let target: unknown = document
    for (const part of ref.slice(2).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      target = isJson(target) ? target[part] : undefined
    }
    if (target === undefined) problem(where, `$ref ${ref} points at nothing`)
  }

  function schema(value: unknown, where: string): void {
    if (!isJson(value)) return problem(where, 'a schema must be an object')
    if ('$ref' in value) {
      if (Object.keys(value).length !== 1) problem(where, '$ref must stand alone')
      return resolves(value.$ref, where)
    }
    fieldsOf(value, SCHEMA_FIELDS, where)
    if (value.type !== undefined && !SCHEMA_TYPES.includes(value.type as string)) problem(where, `type ${JSON.stringify(value.type)} is not an OpenAPI 3.0 type`)
    if (value.nullable !== undefined && typeof value.nullable !== 'boolean') problem(where, 'nullable must be true or false')
    for (const key of ['exclusiveMinimum', 'exclusiveMaximum', 'uniqueItems', 'readOnly', 'writeOnly', 'deprecated']) {
      if (value[key] !== undefined && typeof value[key] !== 'boolean') problem(where, `${key} must be true or false in OpenAPI 3.0`)
    }
    if (value.required !== undefined && !(Array.isArray(value.required) && value.required.every((name) => typeof name === 'string'))) {
      problem(where, 'required must list property names')
    }
    if (value.enum !== undefined && !(Array.isArray(value.enum) && value.enum.length > 0)) problem(where, 'enum must be a non-empty list')
    if (value.type === 'array' && value.items === undefined) problem(where, 'an array schema needs items')
    if (value.properties !== undefined) {
      if (!isJson(value.properties)) problem(where, 'properties must be an object')
      else for (const [name, property] of Object.entries(value.properties)) schema(property, `${where}.properties.${name}`)
    }
    if (value.items !== undefined) schema(value.items, `${where}.items`)
    if (value.not !== undefined) schema(value.not, `${where}.not`)
    if (value.additionalProperties !== undefined && typeof value.additionalProperties !== 'boolean') {
      schema(value.additionalProperties, `${where}.additionalProperties`)
    }
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      const members = value[key]
      if (members === undefined) continue
      if (!Array.isArray(members) || members.length === 0) problem(where, `${key} must be a non-empty list`)
      else members.forEach((member, index) => schema(member, `${where}.${key}[${index}]`))
    }
  }

  function content(value: unknown, where: string): void {
    if (!isJson(value) || Object.keys(value).length === 0) return problem(where, 'content must map media types')
    for (const [mediaType, media] of Object.entries(value)) {
      if (!isJson(media)) {
        problem(`${where}.${mediaType}`, 'must be a media type object')
        continue
      }
      fieldsOf(media, MEDIA_TYPE_FIELDS, `${where}.${mediaType}`)
      if (media.schema !== undefined) schema(media.schema, `${where}.${mediaType}.schema`)
    }
  }

  function parameters(value: unknown[], where: string, template: string[]): void {
    const seen = new Set<string>()
    const inPath = new Set<string>()
    value.forEach((parameter: unknown, index) => {
      const at = `${where}[${index}]`
      if (!isJson(parameter)) return problem(at, 'must be a parameter object')
      if ('$ref' in parameter) return resolves(parameter.$ref, at)
      fieldsOf(parameter, PARAMETER_FIELDS, at)
      text(parameter.name, `${at}.name`)
      if (!PARAMETER_PLACES.includes(parameter.in as string)) problem(at, `in must be one of ${PARAMETER_PLACES.join(', ')}`)
      const key = `${String(parameter.in)} ${String(parameter.name).toLowerCase()}`
      if (seen.has(key)) problem(at, `${key} is declared twice`)
      seen.add(key)
      if (parameter.in === 'path') {
        inPath.add(String(parameter.name))
        if (parameter.required !== true) problem(at, 'a path parameter must be required')
        if (!template.includes(String(parameter.name))) problem(at, `path parameter ${String(parameter.name)} is not in the path`)
      }
      if ((parameter.schema === undefined) === (parameter.content === undefined)) problem(at, 'needs either schema or content')
      if (parameter.schema !== undefined) schema(parameter.schema, `${at}.schema`)
      if (parameter.content !== undefined) content(parameter.content, `${at}.content`)
    })
    for (const name of template) if (!inPath.has(name)) problem(where, `path parameter {${name}} is not declared`)
  }

  function security(value: unknown, where: string, schemes: Json): void {
    if (!Array.isArray(value)) return problem(where, 'security must be a list')
    value.forEach((requirement: unknown, index) => {
      if (!isJson(requirement)) return problem(`${where}[${index}]`, 'must be a security requirement object')
      for (const [name, scopes] of Object.entries(requirement)) {
        if (!isJson(schemes[name])) problem(`${where}[${index}]`, `security scheme "${name}" is not declared`)
        if (!Array.isArray(scopes)) problem(`${where}[${index}].${name}`, 'must be a list of scopes')
      }
    })
  }

  function operation(value: unknown, where: string, template: string[], shared: unknown[], schemes: Json, operationIds: Set<string>): void {
    if (!isJson(value)) return problem(where, 'must be an operation object')
    fieldsOf(value, OPERATION_FIELDS, where)
    if (value.tags !== undefined && !(Array.isArray(value.tags) && value.tags.every((tag) => typeof tag === 'string'))) problem(where, 'tags must be strings')
    text(value.summary, `${where}.summary`, false)
    text(value.description, `${where}.description`, false)
    if (value.operationId !== undefined) {
      if (operationIds.has(String(value.operationId))) problem(where, `operationId ${String(value.operationId)} is used twice`)
      operationIds.add(String(value.operationId))
    }
    if (value.parameters !== undefined && !Array.isArray(value.parameters)) problem(`${where}.parameters`, 'must be a list')
    // The path item's own parameters apply too, unless the operation redeclares them.
    const own: unknown[] = Array.isArray(value.parameters) ? value.parameters : []
    const redeclared = (parameter: unknown) => isJson(parameter) && own.some((mine) => isJson(mine) && mine.in === parameter.in && mine.name === parameter.name)
    parameters([...shared.filter((parameter) => !redeclared(parameter)), ...own], `${where}.parameters`, template)
    if (value.requestBody !== undefined) {
      if (!isJson(value.requestBody)) problem(`${where}.requestBody`, 'must be an object')
      else if ('$ref' in value.requestBody) resolves(value.requestBody.$ref, `${where}.requestBody`)
      else content(value.requestBody.content, `${where}.requestBody.content`)
    }
    if (!isJson(value.responses) || Object.keys(value.responses).length === 0) return problem(where, 'needs at least one response')
    for (const [status, response] of Object.entries(value.responses)) {
      const at = `${where}.responses.${status}`
      if (!STATUS.test(status)) problem(at, 'not a status code, a range such as 4XX, or default')
      if (!isJson(response)) {
        problem(at, 'must be a response object')
        continue
      }
      if ('$ref' in response) {
        resolves(response.$ref, at)
        continue
      }
      fieldsOf(response, RESPONSE_FIELDS, at)
      text(response.description, `${at}.description`)
      if (response.content !== undefined) content(response.content, `${at}.content`)
    }
    if (value.security !== undefined) security(value.security, `${where}.security`, schemes)
  }

  if (!isJson(document)) return ['$: the document must be an object']
  fieldsOf(document, ROOT_FIELDS, '$')
  if (typeof document.openapi !== 'string' || !/^3\.0\.\d+$/.test(document.openapi)) problem('$.openapi', 'must be an OpenAPI 3.0.x version')
  if (!isJson(document.info)) problem('$.info', 'is required')
  else {
    text(document.info.title, '$.info.title')
    text(document.info.version, '$.info.version')
  }
  if (document.servers !== undefined) {
    if (!Array.isArray(document.servers)) problem('$.servers', 'must be a list')
    else document.servers.forEach((server: unknown, index) => text(isJson(server) ? server.url : undefined, `$.servers[${index}].url`))
  }
  if (document.tags !== undefined) {
    const names = new Set<string>()
    if (!Array.isArray(document.tags)) problem('$.tags', 'must be a list')
    else
      document.tags.forEach((tag: unknown, index) => {
        const name = isJson(tag) ? tag.name : undefined
        text(name, `$.tags[${index}].name`)
        if (names.has(String(name))) problem(`$.tags[${index}]`, `tag ${String(name)} is declared twice`)
        names.add(String(name))
      })
  }

  const components = isJson(document.components) ? document.components : {}
  const schemes = isJson(components.securitySchemes) ? components.securitySchemes : {}
  for (const [name, scheme] of Object.entries(schemes)) {
    const at = `$.components.securitySchemes.${name}`
    if (!isJson(scheme) || !SECURITY_TYPES.includes(scheme.type as string)) {
      problem(at, `type must be one of ${SECURITY_TYPES.join(', ')}`)
      continue
    }
    if (scheme.type === 'apiKey') {
      text(scheme.name, `${at}.name`)
      if (!['query', 'header', 'cookie'].includes(scheme.in as string)) problem(at, 'an apiKey scheme must be in query, header or cookie')
    }
    if (scheme.type === 'http') text(scheme.scheme, `${at}.scheme`)
  }
  if (isJson(components.schemas)) {
    for (const [name, value] of Object.entries(components.schemas)) schema(value, `$.components.schemas.${name}`)
  }
  if (document.security !== undefined) security(document.security, '$.security', schemes)

  if (!isJson(document.paths)) {
    problem('$.paths', 'is required')
    return problems
  }
  const operationIds = new Set<string>()
  for (const [path, item] of Object.entries(document.paths)) {
    const where = `$.paths["${path}"]`
    if (!path.startsWith('/')) problem(where, 'a path must start with /')
    if (!isJson(item)) {
      problem(where, 'must be a path item object')
      continue
    }
    fieldsOf(item, [...PATH_ITEM_FIELDS, ...METHODS], where)
    const template = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])
    if (item.parameters !== undefined && !Array.isArray(item.parameters)) problem(`${where}.parameters`, 'must be a list')
    const shared: unknown[] = Array.isArray(item.parameters) ? item.parameters : []
    for (const method of METHODS) {
      if (item[method] !== undefined) operation(item[method], `${where}.${method}`, template, shared, schemes, operationIds)
    }
  }
  return problems
}
