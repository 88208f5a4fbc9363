import { ExplorerPage } from '../components/ExplorerPage'
import { HomeView } from '../components/home/HomeView'
import { SearchForm } from '../components/SearchForm'
import { PacerProvider } from '../hooks/usePacer'

export default function ExplorerHome() {
  return (
    <ExplorerPage
      title="Explorer"
      description="Blocks, transactions and addresses of the SuperNova chain, each checked by your browser before it is shown."
    >
      <SearchForm />
      <PacerProvider>
        <HomeView />
      </PacerProvider>
    </ExplorerPage>
  )
}
