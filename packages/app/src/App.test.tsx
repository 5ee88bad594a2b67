import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  const originalEnv = process.env;

  beforeEach(() => {
    // The app reads its configuration from APP_CONFIG when running under jest.
    process.env = {
      ...originalEnv,
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Meshport Test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
  });

  afterEach(() => {
    process.env = originalEnv;
  });

  it('asks visitors to sign in, offering the guest and the demo owner', async () => {
    render(App.createRoot());

    expect(
      // The whole app loads lazily; on a busy CI machine that takes seconds.
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    // The demo's second identity, to decide the guest's access requests.
    expect(screen.getByText('Data product owner')).toBeInTheDocument();
    expect(screen.getByText('Meshport Test')).toBeInTheDocument();
  }, 30_000);
});
