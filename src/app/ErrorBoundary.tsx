/**
 * Last line of defence for render errors: shows what broke and offers a reload, instead of a blank page.
 * The user's state is in the URL, so reloading restores it.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Studio render error', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="fatal-error">
        <h1>Something in the studio broke</h1>
        <p>{this.state.error.message}</p>
        <p>Your knob state is kept in the address bar; reloading restores it.</p>
        <button onClick={() => location.reload()}>Reload the studio</button>
      </div>
    );
  }
}
