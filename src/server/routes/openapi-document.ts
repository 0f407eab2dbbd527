import { z } from 'zod';
import { defaultMessages, type ErrorCode } from '../../core/platform/app-error.ts';
import { errorStatus } from '../error-status.ts';
import { apiOperations } from './api-operations.ts';

/** OpenAPI 3.1 description of /api/v1, generated from the operation list and the zod input schemas. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of apiOperations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const headers =
      op.auth === 'staff' && op.method !== 'get'
        ? [
            {
              name: 'X-CSRF-Token',
              in: 'header',
              required: true,
              schema: { type: 'string' },
              description: '登录时返回的 csrfToken',
            },
          ]
        : [];
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth === 'staff' ? { security: [{ session: [] }] } : { security: [] }),
      ...(params.length + headers.length > 0 ? { parameters: [...params, ...headers] } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) },
              },
            },
          }
        : {}),
      responses: {
        '200': { description: '成功' },
        default: {
          description: '错误',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      ...(op.permission ? { 'x-permission': op.permission } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gongkai 政府信息公开工作平台 API',
      version: '1',
      description:
        '会话 Cookie 认证；所有修改类请求须带 X-CSRF-Token 头。错误以固定错误码返回：' +
        (Object.keys(errorStatus) as ErrorCode[])
          .map((c) => `${c}（HTTP ${errorStatus[c]}，${defaultMessages[c]}）`)
          .join('；'),
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gk_sid' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(errorStatus) },
                message: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}
