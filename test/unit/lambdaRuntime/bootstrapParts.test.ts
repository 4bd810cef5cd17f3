// Pure pieces of the bootstrap and the error documents Lambda itself returns.

import { describe, expect, it } from 'vitest';
import { toErrorDocument } from '../../../src/local/services/lambda/runtime/bootstrapLog.js';
import { exited, responseTooLarge, timedOut } from '../../../src/local/services/lambda/runtime/failures.js';
import { parseHandler } from '../../../src/local/services/lambda/runtime/handlerLoader.js';

describe('parseHandler', () => {
  it('splits module root, module and export path', () => {
    expect(parseHandler('index.handler')).toEqual({
      moduleRoot: '',
      moduleName: 'index',
      exportPath: 'handler',
    });
    expect(parseHandler('src/api/app.routes.main')).toEqual({
      moduleRoot: 'src/api/',
      moduleName: 'app',
      exportPath: 'routes.main',
    });
  });

  it('refuses what AWS refuses', () => {
    expect(() => parseHandler('index')).toThrow(
      expect.objectContaining({ name: 'Runtime.MalformedHandlerName', message: 'Bad handler' }),
    );
    expect(() => parseHandler('../up/index.handler')).toThrow(
      expect.objectContaining({
        name: 'Runtime.MalformedHandlerName',
        message:
          "'../up/index.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
      }),
    );
  });
});

describe('error documents', () => {
  it('shapes a thrown value like the AWS Node runtime', () => {
    const err = new TypeError('nope');
    expect(toErrorDocument(err)).toEqual({
      errorType: 'TypeError',
      errorMessage: 'nope',
      trace: err.stack!.split('\n'),
    });
    expect(toErrorDocument('plain string')).toEqual({
      errorType: 'string',
      errorMessage: 'plain string',
      trace: [],
    });
    expect(toErrorDocument(42)).toEqual({ errorType: 'number', errorMessage: '42', trace: [] });
  });

  it('writes Lambda’s own failure payloads byte for byte', () => {
    expect(timedOut('r1', 3).toString()).toBe(
      '{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: r1 Error: Task timed out after 3.00 seconds"}',
    );
    expect(exited('r2', 'Runtime exited with error: exit status 1').toString()).toBe(
      '{"errorType":"Runtime.ExitError","errorMessage":"RequestId: r2 Error: Runtime exited with error: exit status 1"}',
    );
    expect(JSON.parse(responseTooLarge().toString())).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
  });
});
