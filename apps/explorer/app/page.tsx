import { ExplorerPage } from '../components/ExplorerPage'
import { HomeView } from '../components/home/HomeView'
import { SearchForm } from '../components/SearchForm'

export default function ExplorerHome() {
  return (
    <ExplorerPage
      title="Explorer"
      description="Blocks, transactions and addresses of the SuperNova chain, each checked by your browser before it is shown."
    >
      <SearchForm />
      <HomeView />
    </ExplorerPage>
  )
}
