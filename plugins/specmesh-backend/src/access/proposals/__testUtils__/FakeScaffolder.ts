/*
 * Copyright 2026 The Meshport Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the scaffolder backend's task API, scripted per test: what
 * the real one answers to POST /v2/tasks, GET /v2/tasks/:id and its events.
 */
export class FakeScaffolder {
  created: Array<{ body: any; authorization?: string }> = [];
  status = 'completed';
  /** How many GETs a task stays 'processing' before `status`. */
  runningFor = 0;
  events: any[] = [];
  createError?: { status: number; message: string };
  /** How many GETs of the task fail with 500 first. */
  failingGets = 0;
  private server?: Server;
  private gets = 0;

  async start(): Promise<string> {
    const app = express();
    app.use(express.json());
    app.post('/api/scaffolder/v2/tasks', (req, res) => {
      this.created.push({
        body: req.body,
        authorization: req.headers.authorization,
      });
      if (this.createError) {
        res.status(this.createError.status).json({
          error: { name: 'InputError', message: this.createError.message },
        });
        return;
      }
      res.status(201).json({ id: 'task-1' });
    });
    app.get('/api/scaffolder/v2/tasks/task-1', (_req, res) => {
      this.gets += 1;
      if (this.gets <= this.failingGets) {
        res.status(500).json({ error: { message: 'database is locked' } });
        return;
      }
      res.json({
        id: 'task-1',
        status: this.gets > this.runningFor ? this.status : 'processing',
      });
    });
    app.get('/api/scaffolder/v2/tasks/task-1/events', (_req, res) =>
      res.json(this.events),
    );
    this.server = await new Promise<Server>(resolve => {
      const server = app.listen(0, '127.0.0.1', () => resolve(server));
    });
    return `http://127.0.0.1:${
      (this.server.address() as AddressInfo).port
    }/api`;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }
}
